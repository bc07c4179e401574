using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace DaprShop.Shipping.Carriers.CarrierApi;

/// <summary>
/// The carrier, reached through Dapr: every call is service invocation of the <see cref="CarrierOptions.Endpoint"/>
/// HTTP endpoint, so the sidecar applies its resiliency policy (a timeout per attempt, retries with back-off on 5xx and
/// timeouts, a circuit breaker for the whole carrier) and the carrier's address and credentials are YAML. It speaks the
/// carrier API the built-in simulator serves; another carrier's API is another <see cref="ICarrier"/>.
/// <para>
/// Anything but the carrier's own answer — a 5xx, a timeout, an open breaker, no connection — is
/// <see cref="CarrierUnavailableException"/>: the caller queues the shipment (or answers 503) and retries with the same
/// idempotency key. The carrier's refusals are answers: 409 on a void (picked up), 404 on tracking (unknown number),
/// 409 on a label (the key was used for another parcel).
/// </para>
/// </summary>
internal sealed class CarrierApiClient(IHttpClientFactory clients, IOptions<CarrierOptions> options) : ICarrier
{
    public string Name => options.Value.Name;

    public string TrackingUrl(string trackingNumber) => options.Value.TrackingUrlBase + Uri.EscapeDataString(trackingNumber);

    public async Task<IReadOnlyList<RateQuote>> QuoteAsync(int items, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"rates?items={items}"), ct);
        return await ReadAsync<List<RateQuote>>(response, ct);
    }

    public async Task<Label> PurchaseLabelAsync(LabelRequest request, string idempotencyKey, CancellationToken ct)
    {
        // A body of known length: the sidecar replays it on a retry (a streamed, chunked body it would not retry).
        var body = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, JsonSerializerOptions.Web));
        body.Headers.ContentType = new("application/json");
        var message = new HttpRequestMessage(HttpMethod.Post, "labels") { Content = body };
        message.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await SendAsync(message, ct, HttpStatusCode.Conflict);
        if (response.StatusCode == HttpStatusCode.Conflict) throw new CarrierIdempotencyConflictException(idempotencyKey);
        return await ReadAsync<Label>(response, ct);
    }

    public async Task<bool> VoidLabelAsync(string labelId, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, $"labels/{Uri.EscapeDataString(labelId)}/void"), ct, HttpStatusCode.Conflict);
        return response.StatusCode != HttpStatusCode.Conflict;
    }

    public async Task<TrackingState?> TrackAsync(string trackingNumber, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"tracking/{Uri.EscapeDataString(trackingNumber)}"), ct, HttpStatusCode.NotFound);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync<TrackingState>(response, ct);
    }

    /// <summary>Sends one call (and disposes the request); a success or one of the <paramref name="answers"/> comes back, anything else is an outage.</summary>
    async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct, params HttpStatusCode[] answers)
    {
        using var _ = request;
        var http = clients.CreateClient(options.Value.Endpoint);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.CallTimeoutSeconds));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, timeout.Token);
        }
        catch (HttpRequestException e)
        {
            throw new CarrierUnavailableException($"the carrier could not be reached: {e.Message}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CarrierUnavailableException($"the carrier did not answer within {options.Value.CallTimeoutSeconds} s");
        }
        if (response.IsSuccessStatusCode || answers.Contains(response.StatusCode)) return response;
        using (response)
        {
            // The sidecar's own errors (timeout, open breaker, unreachable) come as 500 with daprd's error body; say which.
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new CarrierUnavailableException($"the carrier call failed with {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        }
    }

    static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, ct)
                   ?? throw new CarrierUnavailableException("the carrier answered nothing");
        }
        catch (JsonException e)
        {
            throw new CarrierUnavailableException($"the carrier's answer could not be read: {e.Message}");
        }
    }
}
