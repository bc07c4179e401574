using DaprShop.ServiceDefaults.Http;
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

    private static Task<Results<NoContent, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, IWebhookSecret secret, WebhookProcessor processor, IOptions<ShippingOptions> options, TimeProvider clock,
        CancellationToken ct) =>
        SignedWebhooks.ReceiveAsync(request, CarrierWebhooks.SignatureHeader, secret, clock, TimeSpan.FromSeconds(options.Value.WebhookToleranceSeconds),
            processor.ProcessAsync, ct);
}
