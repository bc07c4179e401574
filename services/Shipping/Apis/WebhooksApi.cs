using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Problems;
using DaprShop.ServiceDefaults.Sidecar;
using DaprShop.ServiceDefaults.Webhooks;
using DaprShop.Shipping.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DaprShop.Shipping.Apis;

/// <summary>
/// The carrier's tracking webhooks. Reachable only through shipping's own sidecar (Dapr invocation, app API token) —
/// never through the gateway, which forwards <c>/api/v1/</c> only — and then only with a valid signature over the exact
/// body and a timestamp within the tolerance; a missing or wrong signature is 401, a stale one or a replayed event id
/// 400, and nothing changes.
/// </summary>
internal static class WebhooksApi
{
    public const string Route = "/webhooks/carrier";

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, ReceiveAsync)
            .WithName("ReceiveCarrierWebhook")
            .RequireDaprSidecar()
            // No user token: the signature is the authentication.
            .AllowAnonymous()
            .WithBodyLimit(BodyLimits.MaxBodyBytes)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, IWebhookSecret secret, WebhookProcessor processor, IOptions<ShippingOptions> options, TimeProvider clock,
        CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();

        byte[] key;
        try
        {
            key = await secret.GetAsync(ct);
        }
        catch (InvalidOperationException)
        {
            // Without the secret nothing can be verified: refuse (the carrier retries), never accept unverified.
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, type: ProblemTypes.ServiceUnavailable,
                title: "Webhook secret unavailable");
        }

        var tolerance = options.Value.WebhookToleranceSeconds;
        var check = WebhookSignature.Verify(request.Headers[CarrierWebhooks.SignatureHeader].ToString(), body, key, clock.GetUtcNow(),
            TimeSpan.FromSeconds(tolerance));
        switch (check)
        {
            case SignatureCheck.Missing or SignatureCheck.Malformed or SignatureCheck.Mismatch:
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, type: ShippingProblems.WebhookSignature,
                    title: "Webhook signature invalid", detail: $"The {CarrierWebhooks.SignatureHeader} header is {check.ToString().ToLowerInvariant()}.");
            case SignatureCheck.Stale:
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ShippingProblems.WebhookStale,
                    title: "Webhook too old", detail: $"The signed timestamp is more than {tolerance} s away from now.");
        }

        return await processor.ProcessAsync(body, ct) switch
        {
            WebhookOutcome.Replayed => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ShippingProblems.WebhookReplayed,
                title: "Webhook already received", detail: "This event id was processed before."),
            WebhookOutcome.Unreadable => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.BadRequest,
                title: "Webhook unreadable"),
            _ => TypedResults.NoContent(),
        };
    }
}
