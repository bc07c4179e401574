using System.Text.Json;
using DaprShop.Identity.Apis.Requests;
using DaprShop.Identity.Seeding;
using FluentValidation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DaprShop.Identity.Apis;

/// <summary>
/// Keeps the seed API's JSON routes (<c>/api/v1/auth/login|refresh|logout</c>) on the same machinery as the OAuth
/// endpoints: the JSON body is validated, rewritten into the equivalent form request (with the first-party client id)
/// and the path moved onto <c>/connect/token</c> or <c>/connect/revoke</c>, before authentication, where OpenIddict
/// recognises its endpoints. Routing has already chosen the JSON route's endpoint (implicit routing runs first), so
/// OpenAPI documents the JSON shapes and the login/refresh endpoints run the same exchange as <c>/connect/token</c>.
/// Nothing about tokens is implemented twice.
/// </summary>
internal sealed class JsonAuthRoutes(RequestDelegate next, IOptions<JsonOptions> json)
{
    public const string LoginPath = "/api/v1/auth/login";
    public const string RefreshPath = "/api/v1/auth/refresh";
    public const string LogoutPath = "/api/v1/auth/logout";
    private const string MarkerKey = "daprshop.json-auth-route";

    public static bool IsJsonRoute(HttpContext http) => http.Items.ContainsKey(MarkerKey);

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            await next(http);
            return;
        }

        var path = http.Request.Path;
        var rewritten = path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase)
            ? await RewriteAsync<LoginRequest>(http, ConnectApi.TokenPath, r => new()
            {
                [Parameters.GrantType] = GrantTypes.Password,
                [Parameters.Username] = r.Email,
                [Parameters.Password] = r.Password,
                [ConnectApi.TenantIdParameter] = r.TenantId.ToString(),
                [Parameters.Scope] = Scopes.OfflineAccess,
            })
            : path.Equals(RefreshPath, StringComparison.OrdinalIgnoreCase)
            ? await RewriteAsync<RefreshRequest>(http, ConnectApi.TokenPath, r => new()
            {
                [Parameters.GrantType] = GrantTypes.RefreshToken,
                [Parameters.RefreshToken] = r.RefreshToken,
            })
            : path.Equals(LogoutPath, StringComparison.OrdinalIgnoreCase)
            ? await RewriteAsync<LogoutRequest>(http, ConnectApi.RevocationPath, r => new()
            {
                [Parameters.Token] = r.RefreshToken,
                [Parameters.TokenTypeHint] = TokenTypeHints.RefreshToken,
            })
            : (bool?)null;

        // false: the request was answered here (400); null: not a JSON auth route.
        if (rewritten is not false)
        {
            await next(http);
        }
    }

    private async Task<bool> RewriteAsync<T>(HttpContext http, string target, Func<T, Dictionary<string, string>> toForm) where T : class
    {
        T? request;
        try
        {
            request = http.Request.HasJsonContentType()
                ? await JsonSerializer.DeserializeAsync<T>(http.Request.Body, json.Value.SerializerOptions, http.RequestAborted)
                : null;
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            await TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Malformed request",
                detail: "The body must be a JSON object (Content-Type: application/json).").ExecuteAsync(http);
            return false;
        }

        var validation = await http.RequestServices.GetRequiredService<IValidator<T>>().ValidateAsync(request, http.RequestAborted);
        if (!validation.IsValid)
        {
            await TypedResults.ValidationProblem(validation.Errors
                .GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray())).ExecuteAsync(http);
            return false;
        }

        var form = toForm(request);
        form[Parameters.ClientId] = IdentitySeeder.PublicClientId;
        var body = await new FormUrlEncodedContent(form).ReadAsByteArrayAsync(http.RequestAborted);

        http.Items[MarkerKey] = true;
        http.Request.Path = target;
        // OpenIddict accepts only form bodies on these endpoints (ID2082 otherwise).
        http.Request.ContentType = "application/x-www-form-urlencoded";
        http.Request.ContentLength = body.Length;
        http.Request.Body = new MemoryStream(body);
        return true;
    }
}
