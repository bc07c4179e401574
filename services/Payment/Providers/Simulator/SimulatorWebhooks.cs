using System.Net.Http.Headers;
using System.Text.Json;
using DaprShop.Payment.Webhooks;
using DaprShop.ServiceDefaults.Webhooks;
using Microsoft.Extensions.Options;

namespace DaprShop.Payment.Providers.Simulator;

/// <summary>
/// The simulator's webhook delivery: the signed message is POSTed by Dapr service invocation to the configured app
/// and method (payment's own sidecar-only webhook route), retried with back-off on an outage or a 5xx, given up on a
/// 4xx (refused). Invocation rather than an HTTP output binding: the target is an app id, not a URL that differs per
/// environment and test, and the call carries the app API token the route requires.
/// </summary>
internal sealed partial class SimulatorWebhooks(
    IHttpClientFactory clients,
    IWebhookSecret secret,
    IOptions<SimulatorOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<SimulatorWebhooks> log)
{
    // Doubling from here, 8 attempts span about a minute: longer than a caller's open circuit breaker (30 s).
    static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    int _inFlight;

    /// <summary>Deliveries not finished yet (tests wait for 0).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public void Send(WebhookMessage message, bool duplicate)
    {
        Interlocked.Increment(ref _inFlight);
        _ = Task.Run(async () =>
        {
            try
            {
                var body = JsonSerializer.SerializeToUtf8Bytes(message, JsonSerializerOptions.Web);
                await DeliverAsync(message, body);
                if (duplicate) await DeliverAsync(message, body);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        });
    }

    async Task DeliverAsync(WebhookMessage message, byte[] body)
    {
        var o = options.Value;
        var ct = lifetime.ApplicationStopping;
        var delay = FirstRetry;
        for (var attempt = 1; attempt <= o.WebhookMaxAttempts && !ct.IsCancellationRequested; attempt++)
        {
            try
            {
                var key = await secret.GetAsync(ct);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/" + o.WebhookMethod) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                // Signed per attempt, as providers do: a retry carries a fresh timestamp.
                request.Headers.TryAddWithoutValidation(ProviderWebhooks.SignatureHeader, WebhookSignature.Sign(body, clock.GetUtcNow().ToUnixTimeSeconds(), key));
                using var response = await clients.CreateClient(o.WebhookAppId).SendAsync(request, ct);
                var status = (int)response.StatusCode;
                if (status < 300) return;
                if (status < 500)
                {
                    LogRefused(message.Id, message.Type, status);
                    return;
                }

                LogFailed(message.Id, attempt, $"HTTP {status}");
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or Dapr.DaprException
                                          or TaskCanceledException && !ct.IsCancellationRequested)
            {
                LogFailed(message.Id, attempt, e.GetType().Name);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await Task.Delay(delay, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay *= 2;
        }

        LogGaveUp(message.Id, message.Type);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulator webhook {EventId} ({Type}) refused with {Status}")]
    partial void LogRefused(string eventId, string type, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulator webhook {EventId} delivery {Attempt} failed: {Reason}")]
    partial void LogFailed(string eventId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Simulator webhook {EventId} ({Type}) given up")]
    partial void LogGaveUp(string eventId, string type);
}
