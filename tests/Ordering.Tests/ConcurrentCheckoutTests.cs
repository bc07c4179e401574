extern alias PaymentApp;

using System.Diagnostics;
using System.Net;
using DaprShop.Ordering.Tests.Support;
using CardSimulator = PaymentApp::DaprShop.Payment.Providers.Simulator.CardSimulator;

namespace DaprShop.Ordering.Tests;

/// <summary>Issue 9: a thousand buyers check out the last hundred units of one SKU at the same instant.</summary>
[Collection(SagaLoadCollection.Name)]
public sealed class ConcurrentCheckoutTests(OrderingService shop, ITestOutputHelper output) : IClassFixture<OrderingService>
{
    const int Buyers = 1000;
    const int Units = 100;

    [Fact]
    public async Task A_thousand_concurrent_checkouts_of_a_hundred_units_confirm_exactly_a_hundred()
    {
        var tenant = Guid.CreateVersion7();
        var product = await shop.NewProductAsync(tenant, 12.5m, stock: Units);
        var sku = shop.SkuOf(tenant, product);
        // Many buyers: placements are limited per user (10 a minute).
        var buyers = new Buyer[Buyers];
        await Parallel.ForEachAsync(Enumerable.Range(0, Buyers), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = TestContext.Current.CancellationToken },
            async (i, _) => buyers[i] = await shop.NewBuyerAsync(tenant));

        var driver = new SagaDriver(shop);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        var placing = buyers.Select(async b =>
        {
            await go.Task;
            return await driver.PlaceAsync(b, [(product, 1)], TimeSpan.FromMinutes(2));
        }).ToList();
        clock.Restart();
        go.SetResult();
        var placed = await Task.WhenAll(placing);
        Assert.All(placed, p => Assert.Equal(HttpStatusCode.Created, p.Status));
        var ids = placed.Select(p => p.Order!.Id).ToList();
        var finals = await Task.WhenAll(ids.Select(id => driver.UntilFinalAsync(id, TimeSpan.FromMinutes(8))));
        var elapsed = clock.Elapsed;
        // OrderConfirmed reaches inventory through ordering's outbox, whose retry of a publish that failed under this load
        // waits on ordering's clock: let it follow the real time meanwhile.
        await Eventually.TrueAsync(async () =>
            {
                driver.CatchUpClock();
                return await shop.InventoryDb.ScalarAsync<long>("select reserved from stock_items where sku = $1", sku) == 0;
            },
            "inventory committed or released every reservation", TimeSpan.FromSeconds(60),
            () => $"held reservations {shop.InventoryDb.ScalarAsync<long>("select count(*) from reservations where status = 'held'").GetAwaiter().GetResult()}, " +
                  $"ordering's unsent events {shop.Database.ScalarAsync<long>("""select count(*) from outbox_messages where "SentAt" is null""").GetAwaiter().GetResult()}");

        var audit = await SagaAudit.LoadAsync(shop);
        var confirmed = ids.Where(id => audit.Orders[id].Status == "processing").ToList();
        var failed = ids.Where(id => audit.Orders[id].Status == "failed").ToList();
        output.WriteLine($"{Buyers} checkouts of {Units} units: {confirmed.Count} confirmed, {failed.Count} failed, " +
                         $"{finals.Count(f => f is null)} not final, in {elapsed.TotalSeconds:0.0} s ({Buyers / elapsed.TotalSeconds:0.0} sagas/s)");

        Assert.All(finals, f => Assert.NotNull(f));
        Assert.Equal(Units, confirmed.Count);
        Assert.Equal(Buyers - Units, failed.Count);
        Assert.All(failed, id => Assert.Contains("stock", audit.Orders[id].Reason, StringComparison.OrdinalIgnoreCase));
        Assert.Equal((0L, 0L), audit.Stock[(tenant, sku)]);
        Assert.Equal(Units, audit.Committed[(tenant, sku)]);
        Assert.Equal(Units, shop.Payment.Services.GetRequiredService<CardSimulator>().CaptureCount);
        Assert.All(confirmed, id => Assert.Equal(1, audit.ProviderCaptures[id]));
        // Short stock refuses before any money is touched: no payment at all for a failed order.
        Assert.All(failed, id => Assert.False(audit.Payments.ContainsKey(id), $"order {id} failed for stock but has a payment"));
        Assert.Empty(audit.DoubleCaptures());
        Assert.Empty(audit.FailedButHolding());
        Assert.Empty(audit.Unexplained());
    }
}
