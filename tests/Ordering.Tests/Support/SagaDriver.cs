using System.Net;
using System.Text.Json;

namespace DaprShop.Ordering.Tests.Support;

/// <summary>
/// Places orders the way a client that must not lose one does (the same Idempotency-Key until an answer, also while
/// ordering restarts) and waits for sagas to end, reading ordering's database rather than its API so that a restart
/// does not get in the way. Polling, never a fixed sleep: the wait ends as soon as the order is final.
/// </summary>
public sealed class SagaDriver(OrderingService ordering)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>POSTs until ordering answers (201 or another final answer); a restart's refused connection or 5xx is retried with the same key.</summary>
    public async Task<(HttpStatusCode Status, OrderView? Order, int Attempts)> PlaceAsync(Buyer buyer, (Guid ProductId, int Quantity)[] lines, TimeSpan? patience = null)
    {
        var key = Guid.NewGuid().ToString();
        var body = OrdersClient.Body(buyer, lines);
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(60));
        var last = "";
        for (var attempt = 1; ; attempt++)
        {
            CatchUpClock();
            try
            {
                using var response = await new OrdersClient(ordering).PlaceAsync(buyer.Token, body, key);
                if ((int)response.StatusCode < 500)
                {
                    var text = await response.Content.ReadAsStringAsync(Ct);
                    return response.StatusCode == HttpStatusCode.Created
                        ? (response.StatusCode, JsonSerializer.Deserialize<OrderView>(text, JsonSerializerOptions.Web), attempt)
                        : (response.StatusCode, null, attempt);
                }
                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}";
            }
            catch (Exception e) when (e is HttpRequestException or ObjectDisposedException or InvalidOperationException or TaskCanceledException
                                          && !Ct.IsCancellationRequested)
            {
                // ordering is restarting: the client tries again with the same key.
                last = $"{e.GetType().Name}: {e.Message}";
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"ordering did not take the order in {attempt} attempts; last: {last}");
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>
    /// ordering's fake clock starts at the real time and stands still, while tokens are minted on the real clock and
    /// accepted 30 s early at most: a run longer than that moves ordering's clock up to the real time (never back). The
    /// outbox retries a failed publish on that clock too, so a wait for the saga's events to land moves it as well.
    /// </summary>
    public void CatchUpClock()
    {
        var clock = ordering.Host.Clock!;
        lock (clock)
        {
            var now = DateTimeOffset.UtcNow;
            if (now > clock.GetUtcNow()) clock.SetUtcNow(now);
        }
    }

    /// <summary>
    /// Where the saga leaves the order (processing with its shipment requested, failed, cancelled), or null if it is not
    /// there by the deadline (stuck).
    /// </summary>
    public async Task<string?> UntilFinalAsync(Guid orderId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await ordering.Database.ScalarAsync<string>("select coalesce((select status from orders where id = $1), '')", orderId);
            if (SagaAudit.Terminal.Contains(status) && (status != "processing" || ordering.HasShipment(orderId))) return status;
            if (DateTime.UtcNow > deadline) return null;
            CatchUpClock();
            await Task.Delay(100, Ct);
        }
    }
}
