using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaprShop.Gateway.Errors;
using DaprShop.Gateway.RateLimiting;
using DaprShop.Gateway.Routing;
using DaprShop.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Gateway.OpenApi;

/// <summary>
/// Every service's OpenAPI document, fetched through Dapr service invocation from <c>&lt;service&gt;/swagger/v1/swagger.json</c>
/// and rewritten onto the gateway's paths; the Swagger UI at <c>/swagger</c> lists one per service.
/// </summary>
internal static class ApiDocsApi
{
    public const string SourcePath = "/swagger/v1/swagger.json";

    public static string DocumentPath(string service) => $"/openapi/{service}.json";

    public static IEndpointRouteBuilder MapApiDocsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/openapi/{service}.json", GetAsync)
            .WithName("GetServiceOpenApi")
            .WithSummary("A service's OpenAPI document with the gateway's paths (as shown in the API page at /swagger)")
            .WithTags("API docs")
            .AllowAnonymous()
            .WithMetadata(new RateLimitedRoute(RouteAccess.Anonymous));
        return app;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(string service, [AsParameters] ApiDocsServices s)
    {
        if (!s.Options.Value.Services.Contains(service, StringComparer.Ordinal))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound,
                title: "No such service", detail: $"The gateway exposes no service named '{service}'.");
        }

        var retryAfter = s.Options.Value.UnavailableRetryAfterSeconds;
        try
        {
            using var response = await s.Clients.CreateClient(service).GetAsync(SourcePath, s.CancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(s.CancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var failure = SidecarErrors.MayBeSidecarError((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType)
                    ? SidecarErrors.Classify(body)
                    : SidecarFailure.None;
                GatewayLog.OpenApiFetchFailed(s.Logger, service, $"{(int)response.StatusCode} ({failure})");
                return failure == SidecarFailure.TimedOut
                    ? Timeout(service)
                    : Unavailable(s.Http, service, retryAfter, $"The service answered {(int)response.StatusCode} for its OpenAPI document.");
            }

            if (JsonNode.Parse(body) is not JsonObject document)
                return Unavailable(s.Http, service, retryAfter, "The service's OpenAPI document is not a JSON object.");
            return TypedResults.Text(GatewayOpenApi.Rewrite(document, service).ToJsonString(), "application/json");
        }
        catch (HttpRequestException e)
        {
            GatewayLog.OpenApiFetchFailed(s.Logger, service, e.Message);
            return Unavailable(s.Http, service, retryAfter, "The gateway could not reach its Dapr sidecar.");
        }
        catch (JsonException e)
        {
            GatewayLog.OpenApiFetchFailed(s.Logger, service, e.Message);
            return Unavailable(s.Http, service, retryAfter, "The service's OpenAPI document is not valid JSON.");
        }
        catch (TaskCanceledException) when (!s.CancellationToken.IsCancellationRequested)
        {
            GatewayLog.OpenApiFetchFailed(s.Logger, service, "timed out");
            return Timeout(service);
        }
    }

    static ProblemHttpResult Unavailable(HttpContext http, string service, int retryAfter, string detail)
    {
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, type: GatewayProblems.ServiceUnavailable,
            title: $"The {service} service is unavailable", detail: detail);
    }

    static ProblemHttpResult Timeout(string service) =>
        TypedResults.Problem(statusCode: StatusCodes.Status504GatewayTimeout, type: GatewayProblems.ServiceTimeout,
            title: $"The {service} service did not answer in time");
}
