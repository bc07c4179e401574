using System.Net.Http.Headers;
using System.Text.Json;
using DaprShop.ServiceDefaults.Webhooks;
using DaprShop.Shipping.Webhooks;
using Microsoft.Extensions.Options;

namespace DaprShop.Shipping.Carriers.Simulator;

/// <summary>
/// The simulator's webhook delivery: the signed message is POSTed by Dapr service invocation to the configured app and
/// method (shipping's own sidecar-only webhook route), retried with back-off on an outage or a 5xx, given up on a 4xx
/// (refused). Invocation rather than an HTTP output binding, as payment does: the target is an app id, the same in
/// <c>make run</c>, tests and Kubernetes, and the call carries the app API token the route requires.
/// </summary>
internal sealed partial class SimulatorWebhooks(
    IHttpClientFactory clients,
    IWebhookSecret secret,
    IOptions<SimulatorOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<SimulatorWebhooks> log)
{
    static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    int _inFlight;
    long _sent;

    /// <summary>Deliveries not finished yet (tests wait for 0).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Webhooks the app accepted (2xx).</summary>
    public long Delivered => Interlocked.Read(ref _sent);

    public void Send(CarrierWebhook message)
    {
        Interlocked.Increment(ref _inFlight);
        _ = Task.Run(async () =>
        {
            try
            {
                await DeliverAsync(message, JsonSerializer.SerializeToUtf8Bytes(message, JsonSerializerOptions.Web));
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        });
    }

    async Task DeliverAsync(CarrierWebhook message, byte[] body)
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
                // Signed per attempt, as carriers do: a retry carries a fresh timestamp.
                request.Headers.TryAddWithoutValidation(CarrierWebhooks.SignatureHeader,
                    WebhookSignature.Sign(body, clock.GetUtcNow().ToUnixTimeSeconds(), key));
                using var response = await clients.CreateClient(o.WebhookAppId).SendAsync(request, ct);
                var status = (int)response.StatusCode;
                if (status < 300)
                {
                    Interlocked.Increment(ref _sent);
                    return;
                }

                if (status < 500)
                {
                    LogRefused(message.Id, message.Data.Status, status);
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

        LogGaveUp(message.Id, message.Data.Status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Carrier webhook {EventId} ({Status}) refused with {HttpStatus}")]
    partial void LogRefused(string eventId, string status, int httpStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Carrier webhook {EventId} delivery {Attempt} failed: {Reason}")]
    partial void LogFailed(string eventId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Carrier webhook {EventId} ({Status}) given up")]
    partial void LogGaveUp(string eventId, string status);
}
