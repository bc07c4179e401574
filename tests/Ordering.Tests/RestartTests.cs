extern alias PaymentApp;

using Dapr.DurableTask.Protobuf;
using DaprShop.Ordering.Tests.Support;
using DaprShop.Testing.Hosting;
using CardSimulator = PaymentApp::DaprShop.Payment.Providers.Simulator.CardSimulator;

namespace DaprShop.Ordering.Tests;

/// <summary>
/// <see cref="OrderingService"/> with a slow card provider (every call takes a second, a pending card answers after
/// three), so that a restart of ordering reliably lands while a payment step is in flight or awaited.
/// </summary>
public sealed class SlowProviderService : OrderingService
{
    protected override void ConfigurePayment(ServiceHostOptions options) => options
        .Setting("PaymentSimulator:LatencyMilliseconds", "1000")
        .Setting("PaymentSimulator:PendingDelaySeconds", "3");
}

/// <summary>Issue 9: a worker restart mid-saga resumes the saga without a second charge or a repeated step.</summary>
public sealed class RestartTests(SlowProviderService shop) : IClassFixture<SlowProviderService>
{
    [Fact]
    public async Task Ordering_restarted_while_the_saga_awaits_an_asynchronous_payment_resumes_and_charges_once()
    {
        var buyer = await shop.NewBuyerAsync(card: "4000000000003220");
        var shirt = await shop.NewProductAsync(buyer.TenantId, 30m, stock: 5);
        var order = await PlaceAsync(buyer, shirt);

        var done = await RestartWhenAsync(order, "AuthorizePaymentActivity");

        await AssertConfirmedOnceAsync(order, done, 30m);
    }

    [Fact]
    public async Task Ordering_restarted_right_after_the_authorisation_resumes_and_captures_once()
    {
        var buyer = await shop.NewBuyerAsync();
        var shirt = await shop.NewProductAsync(buyer.TenantId, 20m, stock: 5);
        var order = await PlaceAsync(buyer, shirt);

        // Confirm and capture follow at once; the provider's second per call keeps the capture in flight.
        var done = await RestartWhenAsync(order, "AuthorizePaymentActivity");

        await AssertConfirmedOnceAsync(order, done, 20m);
    }

    async Task<Guid> PlaceAsync(Buyer buyer, Guid product)
    {
        var (_, order, _) = await new SagaDriver(shop).PlaceAsync(buyer, [(product, 1)]);
        return order!.Id;
    }

    /// <summary>Restarts ordering as soon as the saga has recorded <paramref name="activity"/>'s result; returns the activities done by then.</summary>
    async Task<List<string>> RestartWhenAsync(Guid orderId, string activity)
    {
        var workflows = shop.Host.Cluster.Workflows.For("ordering");
        List<string> completed = [];
        await Eventually.TrueAsync(() => (completed = Completed(workflows.HistoryOf(orderId.ToString()))).Contains(activity),
            $"the saga recorded {activity}", TimeSpan.FromSeconds(30));
        await shop.Host.RestartAsync();
        return completed;
    }

    /// <summary>Names of the activities whose result the history holds.</summary>
    static List<string> Completed(IReadOnlyList<HistoryEvent> history)
    {
        var names = history.Where(e => e.TaskScheduled is not null).ToDictionary(e => e.EventId, e => e.TaskScheduled.Name);
        return [.. history.Where(e => e.TaskCompleted is not null).Select(e => names.GetValueOrDefault(e.TaskCompleted.TaskScheduledId, "?"))];
    }

    async Task AssertConfirmedOnceAsync(Guid orderId, List<string> doneBeforeRestart, decimal total)
    {
        Assert.Equal("processing", await new SagaDriver(shop).UntilFinalAsync(orderId, TimeSpan.FromSeconds(60)));
        // The order is confirmed before the capture (the saga's step 5, then 6).
        await Eventually.TrueAsync(async () => await shop.PaymentDb.ScalarAsync<string>("select state from payments where order_id = $1", orderId) == "captured",
            "the payment was captured", TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(async () => await shop.InventoryDb.ScalarAsync<string>("select status from reservations where order_id = $1", orderId) == "committed",
            "inventory committed the reservation");

        var audit = await SagaAudit.LoadAsync(shop);
        var payment = audit.Payments[orderId];
        Assert.Equal(("captured", total), (payment.State, payment.Captured));
        Assert.Equal(1, audit.ProviderCaptures[orderId]);
        Assert.Equal(1, audit.CaptureEvents[orderId]);
        Assert.Equal(1, await shop.PaymentDb.ScalarAsync<long>("select count(*) from payments where order_id = $1", orderId));
        var authorisation = shop.Payment.Services.GetRequiredService<CardSimulator>().Find(payment.ProviderReference!);
        Assert.Equal(("captured", total, 1), (authorisation!.Status, authorisation.Captured, authorisation.Captures));
        Assert.DoesNotContain(audit.Unexplained(), u => u.StartsWith(orderId.ToString(), StringComparison.Ordinal));

        // No step whose result was recorded before the restart ran again afterwards (the engine re-dispatches only
        // what was out without an answer).
        var dispatched = shop.Host.Cluster.Calls.Where(appId: "ordering", api: "workflow", operation: "dispatch-activity")
            .Where(c => c.Target.StartsWith($"{orderId}#", StringComparison.Ordinal))
            .GroupBy(c => c.Target[(c.Target.IndexOf(':', StringComparison.Ordinal) + 1)..])
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Contains("AuthorizePaymentActivity", doneBeforeRestart);
        Assert.All(doneBeforeRestart, name => Assert.Equal(1, dispatched.GetValueOrDefault(name)));
        Assert.True(dispatched.GetValueOrDefault("CapturePaymentActivity") >= 1, "the capture ran");
    }
}
