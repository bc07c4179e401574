using System.Net;
using DaprShop.Contracts.Ordering;
using DaprShop.Inventory.Tests.Support;
using DaprShop.Testing;
using DaprShop.Testing.Http;

namespace DaprShop.Inventory.Tests;

/// <summary>
/// A cancelled confirmed order's units go back on hand: ordering's <c>POST /internal/v1/reservations/{orderId}/return</c>
/// moves a committed reservation to <c>returned</c> once, however often or concurrently it is asked.
/// </summary>
public sealed class ReturnTests(InventoryService inventory) : IClassFixture<InventoryService>
{
    InventoryApi Api => inventory.Api;

    /// <summary>A tenant with two SKUs (10 and 5 on hand) and an order that reserved 4 + 2 and was committed (6 and 3 left).</summary>
    async Task<(Guid Tenant, string A, string B, Guid Order)> CommittedAsync()
    {
        var tenant = Guid.CreateVersion7();
        string a = "RA-" + Guid.NewGuid().ToString("N")[..10], b = "RB-" + Guid.NewGuid().ToString("N")[..10];
        await Api.ReceiveAsync(tenant, a, 10);
        await Api.ReceiveAsync(tenant, b, 5);
        var order = Guid.CreateVersion7();
        Assert.Equal(HttpStatusCode.Created, (await Api.ReserveAsync(tenant, order, (b, 2), (a, 4))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.CommitAsync(tenant, order)).StatusCode);
        Assert.Equal((6L, 0L), await inventory.FiguresAsync(tenant, a));
        return (tenant, a, b, order);
    }

    Task<long> ReturnMovementsAsync(Guid order) =>
        inventory.Database.ScalarAsync<long>("select count(*) from stock_movements where order_id = $1 and kind = 'return'", order);

    [Fact]
    public async Task A_committed_reservation_is_returned_on_hand_with_a_ledger_line_per_sku_and_one_event()
    {
        var (tenant, a, b, order) = await CommittedAsync();

        var response = await Api.ReturnAsync(tenant, order);

        var reservation = await InventoryApi.ReadAsync<ReservationView>(response);
        Assert.Equal("returned", reservation.Status);
        Assert.Equal((10L, 0L), await inventory.FiguresAsync(tenant, a));
        Assert.Equal((5L, 0L), await inventory.FiguresAsync(tenant, b));
        Assert.Equal(2, await ReturnMovementsAsync(order));
        Assert.Equal($"order {order} cancelled", await inventory.Database.ScalarAsync<string>(
            "select reason from stock_movements where order_id = $1 and kind = 'return' and sku = $2", order, a));
        Assert.Equal("app:ordering", await inventory.Database.ScalarAsync<string>(
            "select actor from stock_movements where order_id = $1 and kind = 'return' and sku = $2", order, b));
        Assert.Equal(1, await inventory.StagedEventsAsync("StockReturned", tenant));
        Assert.Equal(0, await inventory.StagedEventsAsync("StockReleased", tenant));
        Assert.Equal(0, await inventory.UnreconciledSkusAsync());
    }

    [Fact]
    public async Task A_retried_return_answers_the_same_and_returns_nothing_more()
    {
        var (tenant, a, _, order) = await CommittedAsync();

        var first = await InventoryApi.ReadAsync<ReservationView>(await Api.ReturnAsync(tenant, order));
        var again = await Api.ReturnAsync(tenant, order);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var second = await InventoryApi.ReadAsync<ReservationView>(again);
        Assert.Equal(first, second with { Lines = first.Lines });
        Assert.Equal(first.Lines, second.Lines);
        Assert.Equal((10L, 0L), await inventory.FiguresAsync(tenant, a));
        Assert.Equal(2, await ReturnMovementsAsync(order));
        Assert.Equal(1, await inventory.StagedEventsAsync("StockReturned", tenant));
    }

    [Fact]
    public async Task Concurrent_twins_return_the_units_exactly_once()
    {
        var (tenant, a, b, order) = await CommittedAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        const int twins = 8;
        var ready = 0;
        var calls = Enumerable.Range(0, twins).Select(_ => Task.Run(async () =>
        {
            if (Interlocked.Increment(ref ready) == twins) gate.SetResult();
            await gate.Task;
            return await Api.ReturnAsync(tenant, order);
        })).ToArray();

        var responses = await Task.WhenAll(calls);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal((10L, 0L), await inventory.FiguresAsync(tenant, a));
        Assert.Equal((5L, 0L), await inventory.FiguresAsync(tenant, b));
        Assert.Equal(2, await ReturnMovementsAsync(order));
        Assert.Equal(1, await inventory.StagedEventsAsync("StockReturned", tenant));
        Assert.Equal(0, await inventory.UnreconciledSkusAsync());
    }

    [Fact]
    public async Task A_held_reservation_is_a_conflict_to_release_instead_and_none_is_a_404()
    {
        var tenant = Guid.CreateVersion7();
        var sku = "RH-" + Guid.NewGuid().ToString("N")[..10];
        await Api.ReceiveAsync(tenant, sku, 10);
        var held = Guid.CreateVersion7();
        await Api.ReserveAsync(tenant, held, (sku, 3));
        var released = Guid.CreateVersion7();
        await Api.ReserveAsync(tenant, released, (sku, 2));
        await Api.ReleaseAsync(tenant, released);

        var whileHeld = await Api.ReturnAsync(tenant, held);
        var afterRelease = await Api.ReturnAsync(tenant, released);
        var none = await Api.ReturnAsync(tenant, Guid.CreateVersion7());

        var problem = await ProblemAssert.IsProblemAsync(whileHeld, HttpStatusCode.Conflict);
        Assert.Equal("held", problem.Body.GetProperty("reservationStatus").GetString());
        await ProblemAssert.IsProblemAsync(afterRelease, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(none, HttpStatusCode.NotFound);
        Assert.Equal((10L, 3L), await inventory.FiguresAsync(tenant, sku));
        Assert.Equal(0, await inventory.Database.ScalarAsync<long>(
            "select count(*) from stock_movements where tenant_id = $1 and kind = 'return'", tenant));
    }

    [Fact]
    public async Task Another_tenant_finds_nothing_and_another_app_is_refused()
    {
        var (tenant, a, _, order) = await CommittedAsync();

        var otherTenant = await Api.ReturnAsync(Guid.CreateVersion7(), order);
        var cart = await Api.ReturnAsync(tenant, order, inventory.Cart);
        var stranger = await Api.ReturnAsync(tenant, order, inventory.Reviews);
        var direct = await Api.SendAsync(HttpMethod.Post, $"/internal/v1/reservations/{order}/return", inventory.AdminToken(tenant));

        await ProblemAssert.IsProblemAsync(otherTenant, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(cart, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(stranger, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(direct, HttpStatusCode.Unauthorized);
        Assert.Equal((6L, 0L), await inventory.FiguresAsync(tenant, a));
        Assert.Equal(0, await ReturnMovementsAsync(order));
    }

    [Fact]
    public async Task Cancellation_events_around_a_return_never_put_the_units_back_twice()
    {
        var (tenant, a, _, order) = await CommittedAsync();
        var cancelled = new OrderCancelled(order, "cancelled by customer") { TenantId = tenant, OccurredAt = DateTimeOffset.UtcNow };

        await inventory.PublishOrderEventAsync(cancelled);
        await inventory.Host.Cluster.PubSub.WhenIdleAsync();
        Assert.Equal((6L, 0L), await inventory.FiguresAsync(tenant, a)); // the event alone releases nothing once committed
        await InventoryApi.ReadAsync<ReservationView>(await Api.ReturnAsync(tenant, order));
        await inventory.PublishOrderEventAsync(cancelled);
        await inventory.PublishOrderEventAsync(cancelled with { EventId = Guid.CreateVersion7() });
        await inventory.PublishOrderEventAsync(new OrderConfirmed(order) { TenantId = tenant, OccurredAt = DateTimeOffset.UtcNow });
        await inventory.Host.Cluster.PubSub.WhenIdleAsync();

        Assert.Equal((10L, 0L), await inventory.FiguresAsync(tenant, a));
        Assert.Equal("returned", (await InventoryApi.ReadAsync<ReservationView>(await Api.GetReservationAsync(tenant, order))).Status);
        Assert.Equal(2, await ReturnMovementsAsync(order));
        Assert.Equal(1, await inventory.Database.ScalarAsync<long>("select count(*) from stock_movements where order_id = $1 and kind = 'commit' and sku = $2", order, a));
        Assert.Equal(0, await inventory.UnreconciledSkusAsync());
    }
}
