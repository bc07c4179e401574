using System.Net;
using DaprShop.Inventory.Tests.Support;

namespace DaprShop.Inventory.Tests;

/// <summary>No oversell, ever: many orders at once for the same stock, fired together behind a barrier.</summary>
public sealed class ConcurrencyTests(InventoryService inventory) : IClassFixture<InventoryService>
{
    InventoryApi Api => inventory.Api;

    /// <summary>Starts every call at once (none begins before all are ready) and waits for all.</summary>
    static async Task<HttpResponseMessage[]> AllAtOnceAsync(int count, Func<int, Task<HttpResponseMessage>> call)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ready = 0;
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            if (Interlocked.Increment(ref ready) == count) gate.SetResult();
            await gate.Task;
            return await call(i);
        })).ToArray();
        return await Task.WhenAll(tasks);
    }

    /// <summary>How many of each status, and one body of each, for a failure message.</summary>
    static string Summary(HttpResponseMessage[] responses) => string.Join("; ", responses.GroupBy(r => (int)r.StatusCode)
        .Select(g => $"{g.Key} x{g.Count()}: {g.First().Content.ReadAsStringAsync().Result[..Math.Min(300, g.First().Content.ReadAsStringAsync().Result.Length)]}"));

    [Fact]
    public async Task A_thousand_orders_for_a_hundred_units_reserve_exactly_a_hundred()
    {
        var tenant = Guid.CreateVersion7();
        var sku = "HOT-" + Guid.NewGuid().ToString("N")[..8];
        await Api.ReceiveAsync(tenant, sku, 100);

        var responses = await AllAtOnceAsync(1000, _ => Api.ReserveAsync(tenant, Guid.CreateVersion7(), (sku, 1)));

        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.Created) == 100, Summary(responses));
        Assert.Equal(900, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal((100L, 100L), await inventory.FiguresAsync(tenant, sku));
        Assert.Equal(100, await inventory.ReservationCountAsync(tenant));
        Assert.Equal(100, await inventory.Database.ScalarAsync<long>(
            "select coalesce(sum(reserved_delta), 0) from stock_movements where tenant_id = $1 and sku = $2 and kind = 'reserve'", tenant, sku));
        Assert.Equal(0, await inventory.UnreconciledSkusAsync());
        Assert.Equal(100, await inventory.StagedEventsAsync("StockReserved", tenant));
    }

    [Fact]
    public async Task Orders_over_the_same_skus_in_opposite_order_neither_deadlock_nor_oversell()
    {
        var tenant = Guid.CreateVersion7();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        string a = "A-" + suffix, b = "B-" + suffix, c = "C-" + suffix;
        await Api.ReceiveAsync(tenant, a, 50);
        await Api.ReceiveAsync(tenant, b, 50);
        await Api.ReceiveAsync(tenant, c, 50);

        // Half ask for a, b, c; half for c, b, a: a database that locked in request order would deadlock some of them.
        var responses = await AllAtOnceAsync(200, i => i % 2 == 0
            ? Api.ReserveAsync(tenant, Guid.CreateVersion7(), (a, 1), (b, 1), (c, 1))
            : Api.ReserveAsync(tenant, Guid.CreateVersion7(), (c, 1), (b, 1), (a, 1)));

        Assert.True(responses.All(r => r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict), Summary(responses));
        Assert.Equal(50, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var sku in new[] { a, b, c }) Assert.Equal((50L, 50L), await inventory.FiguresAsync(tenant, sku));
        Assert.Equal(0, await inventory.UnreconciledSkusAsync());
    }

    [Fact]
    public async Task The_same_order_reserved_many_times_at_once_holds_once()
    {
        var tenant = Guid.CreateVersion7();
        var sku = "SAME-" + Guid.NewGuid().ToString("N")[..8];
        await Api.ReceiveAsync(tenant, sku, 10);
        var order = Guid.CreateVersion7();

        var responses = await AllAtOnceAsync(20, _ => Api.ReserveAsync(tenant, order, (sku, 2)));

        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.Created) == 1, Summary(responses));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal((10L, 2L), await inventory.FiguresAsync(tenant, sku));
    }

    [Fact]
    public async Task Write_offs_racing_reservations_never_leave_on_hand_below_reserved()
    {
        var tenant = Guid.CreateVersion7();
        var sku = "RACE-" + Guid.NewGuid().ToString("N")[..8];
        await Api.ReceiveAsync(tenant, sku, 60);
        var admin = inventory.AdminToken(tenant);

        var responses = await AllAtOnceAsync(100, i => i % 2 == 0
            ? Api.ReserveAsync(tenant, Guid.CreateVersion7(), (sku, 1))
            : Api.AdjustAsync(admin, sku, "write-off", new { quantity = 1, reason = "damaged" }));

        Assert.True(responses.All(r => r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Conflict), Summary(responses));
        var (onHand, reserved) = (await inventory.FiguresAsync(tenant, sku))!.Value;
        Assert.True(reserved <= onHand, $"reserved {reserved} > on hand {onHand}");
        Assert.Equal(60, onHand + responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(reserved, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(0, await inventory.UnreconciledSkusAsync());
    }
}
