using DaprShop.Contracts.Ordering;
using DaprShop.Inventory.Tests.Support;
using DaprShop.Testing;

namespace DaprShop.Inventory.Tests;

/// <summary>order-events as ordering will publish them: at least once, in any order.</summary>
public sealed class OrderEventTests(InventoryService inventory) : IClassFixture<InventoryService>
{
    InventoryApi Api => inventory.Api;

    async Task<(Guid Tenant, string Sku, Guid Order)> ReservedAsync(int onHand = 10, int quantity = 4)
    {
        var tenant = Guid.CreateVersion7();
        var sku = "EV-" + Guid.NewGuid().ToString("N")[..10];
        await Api.ReceiveAsync(tenant, sku, onHand);
        var order = Guid.CreateVersion7();
        Assert.True((await Api.ReserveAsync(tenant, order, (sku, quantity))).IsSuccessStatusCode);
        return (tenant, sku, order);
    }

    static T For<T>(T e, Guid tenant) where T : Contracts.IntegrationEvent => e with { TenantId = tenant, OccurredAt = DateTimeOffset.UtcNow };

    async Task<string> StatusAsync(Guid tenant, Guid order) =>
        (await InventoryApi.ReadAsync<ReservationView>(await Api.GetReservationAsync(tenant, order))).Status;

    [Fact]
    public async Task A_confirmed_order_commits_its_reservation_once_however_often_it_is_delivered()
    {
        var (tenant, sku, order) = await ReservedAsync();
        var confirmed = For(new OrderConfirmed(order), tenant);

        await inventory.PublishOrderEventAsync(confirmed);
        await inventory.PublishOrderEventAsync(confirmed);
        await inventory.PublishOrderEventAsync(For(new OrderConfirmed(order), tenant)); // a second event for the same order
        await inventory.Host.Cluster.PubSub.WhenIdleAsync();

        Assert.Equal("committed", await StatusAsync(tenant, order));
        Assert.Equal((6L, 0L), await inventory.FiguresAsync(tenant, sku));
        Assert.Equal(1, await inventory.Database.ScalarAsync<long>("select count(*) from stock_movements where order_id = $1 and kind = 'commit'", order));
    }

    [Fact]
    public async Task A_cancelled_order_releases_its_reservation_once()
    {
        var (tenant, sku, order) = await ReservedAsync();
        var cancelled = For(new OrderCancelled(order, "customer changed their mind"), tenant);

        await inventory.PublishOrderEventAsync(cancelled);
        await inventory.PublishOrderEventAsync(cancelled);
        await inventory.Host.Cluster.PubSub.WhenIdleAsync();

        Assert.Equal("released", await StatusAsync(tenant, order));
        Assert.Equal((10L, 0L), await inventory.FiguresAsync(tenant, sku));
        Assert.Equal(1, await inventory.StagedEventsAsync("StockReleased", tenant));
    }

    [Fact]
    public async Task A_cancellation_after_the_confirmation_releases_nothing()
    {
        var (tenant, sku, order) = await ReservedAsync();

        await inventory.PublishOrderEventAsync(For(new OrderConfirmed(order), tenant));
        await Eventually.TrueAsync(async () => await StatusAsync(tenant, order) == "committed", "the order was committed");
        await inventory.PublishOrderEventAsync(For(new OrderCancelled(order, "too late"), tenant));
        await inventory.Host.Cluster.PubSub.WhenIdleAsync();

        Assert.Equal("committed", await StatusAsync(tenant, order));
        Assert.Equal((6L, 0L), await inventory.FiguresAsync(tenant, sku));
        Assert.Equal(0, await inventory.StagedEventsAsync("StockReleased", tenant));
    }

    [Fact]
    public async Task A_confirmation_after_the_release_changes_no_stock()
    {
        var (tenant, sku, order) = await ReservedAsync();
        await Api.ReleaseAsync(tenant, order);

        await inventory.PublishOrderEventAsync(For(new OrderConfirmed(order), tenant));
        await inventory.Host.Cluster.PubSub.WhenIdleAsync();

        Assert.Equal("released", await StatusAsync(tenant, order));
        Assert.Equal((10L, 0L), await inventory.FiguresAsync(tenant, sku));
        Assert.Equal(0, await inventory.Database.ScalarAsync<long>("select count(*) from stock_movements where order_id = $1 and kind = 'commit'", order));
    }

    [Fact]
    public async Task An_event_for_an_order_without_a_reservation_or_in_another_tenant_changes_nothing()
    {
        var (tenant, sku, order) = await ReservedAsync();

        await inventory.PublishOrderEventAsync(For(new OrderConfirmed(Guid.CreateVersion7()), tenant));
        await inventory.PublishOrderEventAsync(For(new OrderCancelled(order, "wrong tenant"), Guid.CreateVersion7()));
        await inventory.Host.Cluster.PubSub.WhenIdleAsync();

        Assert.Equal("held", await StatusAsync(tenant, order));
        Assert.Equal((10L, 4L), await inventory.FiguresAsync(tenant, sku));
    }
}
