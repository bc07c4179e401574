using DaprShop.Payment.Webhooks;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Webhooks;
using DaprShop.ServiceDefaults.Sidecar;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DaprShop.Payment.Apis;

/// <summary>
/// The provider's webhooks. Reachable only through payment's own sidecar (Dapr invocation, app API token) — never
/// through the gateway, which forwards <c>/api/v1/</c> only — and then only with a valid signature over the exact body
/// and a timestamp within the tolerance; a missing or wrong signature is 401, a stale one or a replayed event id 400,
/// and nothing changes. A real provider's callbacks would enter the same way: an ingress that invokes payment through
/// Dapr, so the route keeps both checks.
/// </summary>
internal static class WebhooksApi
{
    public const string Route = "/webhooks/simulator";

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, ReceiveAsync)
            .WithName("ReceiveProviderWebhook")
            .RequireDaprSidecar()
            // No user token: the signature is the authentication.
            .AllowAnonymous()
            .WithBodyLimit(BodyLimits.MaxBodyBytes)
            .ExcludeFromDescription();
        return app;
    }

    private static Task<Results<NoContent, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, IWebhookSecret secret, WebhookProcessor processor, IOptions<PaymentOptions> options, TimeProvider clock,
        CancellationToken ct) =>
        SignedWebhooks.ReceiveAsync(request, ProviderWebhooks.SignatureHeader, secret, clock, TimeSpan.FromSeconds(options.Value.WebhookToleranceSeconds),
            processor.ProcessAsync, ct);
}
