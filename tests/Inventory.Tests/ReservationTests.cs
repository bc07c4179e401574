using System.Net;
using DaprShop.Inventory.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Inventory.Tests;

/// <summary>Reserve, release, commit and expiry as ordering uses them, through its sidecar.</summary>
public sealed class ReservationTests(InventoryService inventory) : IClassFixture<InventoryService>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    InventoryApi Api => inventory.Api;

    static string Sku(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];

    [Fact]
    public async Task A_reservation_holds_every_line_and_writes_a_ledger_line_each()
    {
        var tenant = Guid.CreateVersion7();
        string a = Sku("a"), b = Sku("b");
        await Api.ReceiveAsync(tenant, a, 10);
        await Api.ReceiveAsync(tenant, b, 5);
        var order = Guid.CreateVersion7();

        var response = await Api.ReserveAsync(tenant, order, (b, 2), (a, 3));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reservation = await InventoryApi.ReadAsync<ReservationView>(response);
        Assert.Equal("held", reservation.Status);
        Assert.Equal(inventory.Now.AddMinutes(15), reservation.ExpiresAt);
        Assert.Equal([new LineView(a, 3), new LineView(b, 2)], reservation.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal));
        Assert.Equal((10L, 3L), await inventory.FiguresAsync(tenant, a));
        Assert.Equal((5L, 2L), await inventory.FiguresAsync(tenant, b));
        Assert.Equal(1, await inventory.StagedEventsAsync("StockReserved", tenant));
        Assert.Equal(0, await inventory.UnreconciledSkusAsync());
    }

    [Fact]
    public async Task The_same_reservation_twice_is_the_same_answer_and_no_second_hold()
    {
        var tenant = Guid.CreateVersion7();
        var sku = Sku("twice");
        await Api.ReceiveAsync(tenant, sku, 10);
        var order = Guid.CreateVersion7();

        var first = await InventoryApi.ReadAsync<ReservationView>(await Api.ReserveAsync(tenant, order, (sku, 4)));
        var again = await Api.ReserveAsync(tenant, order, (sku, 4));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var second = await InventoryApi.ReadAsync<ReservationView>(again);
        Assert.Equal(first.OrderId, second.OrderId);
        Assert.Equal(first.ExpiresAt, second.ExpiresAt);
        Assert.Equal(first.Lines, second.Lines);
        Assert.Equal((10L, 4L), await inventory.FiguresAsync(tenant, sku));
        Assert.Equal(1, await inventory.StagedEventsAsync("StockReserved", tenant));
    }

    [Fact]
    public async Task The_same_order_id_with_other_lines_is_a_conflict_and_holds_nothing_more()
    {
        var tenant = Guid.CreateVersion7();
        var sku = Sku("other");
        await Api.ReceiveAsync(tenant, sku, 10);
        var order = Guid.CreateVersion7();
        await Api.ReserveAsync(tenant, order, (sku, 1));

        var response = await Api.ReserveAsync(tenant, order, (sku, 2));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "https://daprshop.dev/problems/reservation-conflict");
        Assert.Equal((10L, 1L), await inventory.FiguresAsync(tenant, sku));
    }

    [Fact]
    public async Task A_line_that_does_not_fit_rolls_the_whole_reservation_back()
    {
        var tenant = Guid.CreateVersion7();
        string a = Sku("fits"), b = Sku("short"), c = Sku("unknown");
        await Api.ReceiveAsync(tenant, a, 10);
        await Api.ReceiveAsync(tenant, b, 1);
        var movements = await inventory.MovementCountAsync(tenant);

        var response = await Api.ReserveAsync(tenant, Guid.CreateVersion7(), (a, 5), (b, 2), (c, 1));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "https://daprshop.dev/problems/insufficient-stock");
        Assert.Contains(b, problem.Detail);
        Assert.Contains(c, problem.Detail);
        Assert.Equal((10L, 0L), await inventory.FiguresAsync(tenant, a));
        Assert.Equal((1L, 0L), await inventory.FiguresAsync(tenant, b));
        Assert.Equal(movements, await inventory.MovementCountAsync(tenant));
        Assert.Equal(0, await inventory.ReservationCountAsync(tenant));
        Assert.Equal(0, await inventory.StagedEventsAsync("StockReserved", tenant));
    }

    [Fact]
    public async Task Release_returns_the_stock_once_however_often_it_is_asked()
    {
        var tenant = Guid.CreateVersion7();
        var sku = Sku("release");
        await Api.ReceiveAsync(tenant, sku, 10);
        var order = Guid.CreateVersion7();
        await Api.ReserveAsync(tenant, order, (sku, 6));

        var first = await InventoryApi.ReadAsync<ReservationView>(await Api.ReleaseAsync(tenant, order));
        var second = await InventoryApi.ReadAsync<ReservationView>(await Api.ReleaseAsync(tenant, order));

        Assert.Equal("released", first.Status);
        Assert.Equal("released", second.Status);
        Assert.Equal((10L, 0L), await inventory.FiguresAsync(tenant, sku));
        Assert.Equal(1, await inventory.StagedEventsAsync("StockReleased", tenant));
        Assert.Equal(0, await inventory.UnreconciledSkusAsync());
    }

    [Fact]
    public async Task Commit_turns_the_hold_into_a_decrement_once()
    {
        var tenant = Guid.CreateVersion7();
        var sku = Sku("commit");
        await Api.ReceiveAsync(tenant, sku, 10);
        var order = Guid.CreateVersion7();
        await Api.ReserveAsync(tenant, order, (sku, 6));

        Assert.Equal("committed", (await InventoryApi.ReadAsync<ReservationView>(await Api.CommitAsync(tenant, order))).Status);
        Assert.Equal("committed", (await InventoryApi.ReadAsync<ReservationView>(await Api.CommitAsync(tenant, order))).Status);

        Assert.Equal((4L, 0L), await inventory.FiguresAsync(tenant, sku));
        Assert.Equal(0, await inventory.UnreconciledSkusAsync());
    }

    [Fact]
    public async Task A_committed_reservation_cannot_be_released_nor_a_released_one_committed()
    {
        var tenant = Guid.CreateVersion7();
        var sku = Sku("states");
        await Api.ReceiveAsync(tenant, sku, 10);
        Guid committed = Guid.CreateVersion7(), released = Guid.CreateVersion7();
        await Api.ReserveAsync(tenant, committed, (sku, 2));
        await Api.ReserveAsync(tenant, released, (sku, 3));
        await Api.CommitAsync(tenant, committed);
        await Api.ReleaseAsync(tenant, released);

        await ProblemAssert.IsProblemAsync(await Api.ReleaseAsync(tenant, committed), HttpStatusCode.Conflict, "https://daprshop.dev/problems/reservation-conflict");
        await ProblemAssert.IsProblemAsync(await Api.CommitAsync(tenant, released), HttpStatusCode.Conflict, "https://daprshop.dev/problems/reservation-conflict");

        Assert.Equal((8L, 0L), await inventory.FiguresAsync(tenant, sku));
    }

    [Fact]
    public async Task An_unknown_order_is_not_found_on_every_reservation_route()
    {
        var tenant = Guid.CreateVersion7();
        var order = Guid.CreateVersion7();

        await ProblemAssert.IsProblemAsync(await Api.GetReservationAsync(tenant, order), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.ReleaseAsync(tenant, order), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.CommitAsync(tenant, order), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_expired_reservation_is_released_by_the_cron_binding_and_can_no_longer_be_committed()
    {
        var tenant = Guid.CreateVersion7();
        var sku = Sku("expiry");
        await Api.ReceiveAsync(tenant, sku, 10);
        Guid early = Guid.CreateVersion7(), late = Guid.CreateVersion7();
        await Api.ReserveAsync(tenant, early, (sku, 3));
        inventory.Host.Clock!.Advance(TimeSpan.FromMinutes(10));
        await Api.ReserveAsync(tenant, late, (sku, 4));

        inventory.Host.Clock!.Advance(TimeSpan.FromMinutes(6)); // the early one is 16 minutes old, the late one 6
        var status = await inventory.Host.Cluster.Bindings.FireAsync("reservation-expiry", InventoryService.AppId, Ct);

        Assert.Equal(200, status);
        Assert.Equal((10L, 4L), await inventory.FiguresAsync(tenant, sku));
        Assert.Equal("expired", (await InventoryApi.ReadAsync<ReservationView>(await Api.GetReservationAsync(tenant, early))).Status);
        Assert.Equal("held", (await InventoryApi.ReadAsync<ReservationView>(await Api.GetReservationAsync(tenant, late))).Status);
        await ProblemAssert.IsProblemAsync(await Api.CommitAsync(tenant, early), HttpStatusCode.Conflict);
        Assert.Equal(1, await inventory.StagedEventsAsync("StockReleased", tenant));
        Assert.Equal(0, await inventory.UnreconciledSkusAsync());
    }

    [Fact]
    public async Task A_held_reservation_past_its_time_cannot_be_committed_even_before_the_sweep()
    {
        var tenant = Guid.CreateVersion7();
        var sku = Sku("late-commit");
        await Api.ReceiveAsync(tenant, sku, 10);
        var order = Guid.CreateVersion7();
        await Api.ReserveAsync(tenant, order, (sku, 3));
        inventory.Host.Clock!.Advance(TimeSpan.FromMinutes(16));

        var problem = await ProblemAssert.IsProblemAsync(await Api.CommitAsync(tenant, order), HttpStatusCode.Conflict);

        Assert.Contains("expired", problem.Detail);
        Assert.Equal((10L, 3L), await inventory.FiguresAsync(tenant, sku)); // held until the sweep releases it
    }

    [Fact]
    public async Task A_tenant_sets_how_long_its_reservations_hold()
    {
        var tenant = Guid.CreateVersion7();
        var sku = Sku("ttl");
        await Api.ReceiveAsync(tenant, sku, 10);
        var put = await Api.SendAsync(HttpMethod.Put, "/api/v1/settings", inventory.AdminToken(tenant), new { reservationMinutes = 45 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var reservation = await InventoryApi.ReadAsync<ReservationView>(await Api.ReserveAsync(tenant, Guid.CreateVersion7(), (sku, 1)));

        Assert.Equal(inventory.Now.AddMinutes(45), reservation.ExpiresAt);
    }

    [Fact]
    public async Task Two_sweeps_at_once_release_each_expired_reservation_once()
    {
        var tenant = Guid.CreateVersion7();
        var sku = Sku("sweeps");
        await Api.ReceiveAsync(tenant, sku, 100);
        for (var i = 0; i < 20; i++) await Api.ReserveAsync(tenant, Guid.CreateVersion7(), (sku, 1));
        inventory.Host.Clock!.Advance(TimeSpan.FromMinutes(20));

        var sweeps = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            inventory.Host.Cluster.Bindings.FireAsync("reservation-expiry", InventoryService.AppId, Ct))));

        Assert.All(sweeps, s => Assert.Equal(200, s));
        Assert.Equal((100L, 0L), await inventory.FiguresAsync(tenant, sku));
        Assert.Equal(20, await inventory.StagedEventsAsync("StockReleased", tenant));
        Assert.Equal(0, await inventory.UnreconciledSkusAsync());
    }

    [Fact]
    public async Task The_availability_of_many_skus_answers_in_request_order_with_zero_for_unknown_ones()
    {
        var tenant = Guid.CreateVersion7();
        string a = Sku("av-a"), b = Sku("av-b"), unknown = Sku("av-none");
        await Api.ReceiveAsync(tenant, a, 10);
        await Api.ReceiveAsync(tenant, b, 3);
        await Api.ReserveAsync(tenant, Guid.CreateVersion7(), (a, 4));

        foreach (var caller in new[] { inventory.Cart, inventory.Ordering })
        {
            var answer = await InventoryApi.ReadAsync<AvailabilityView>(await Api.AvailabilityAsync(caller, tenant, unknown, b, a));
            Assert.Equal([new SkuAvailabilityView(unknown, 0), new SkuAvailabilityView(b, 3), new SkuAvailabilityView(a, 6)], answer.Items);
        }
    }

    [Fact]
    public async Task Service_routes_refuse_other_apps_and_direct_callers()
    {
        var tenant = Guid.CreateVersion7();

        var stranger = await Api.InvokeAsync(inventory.Reviews, HttpMethod.Post, "/internal/v1/reservations", tenant,
            new { orderId = Guid.CreateVersion7(), lines = new[] { new { sku = "x", quantity = 1 } } });
        var cartReserving = await Api.InvokeAsync(inventory.Cart, HttpMethod.Post, "/internal/v1/reservations", tenant,
            new { orderId = Guid.CreateVersion7(), lines = new[] { new { sku = "x", quantity = 1 } } });
        var direct = await Api.SendAsync(HttpMethod.Post, "/internal/v1/stock/availability", inventory.AdminToken(tenant), new { skus = new[] { "x" } });
        var noTenant = await Api.InvokeAsync(inventory.Ordering, HttpMethod.Post, "/internal/v1/stock/availability", null, new { skus = new[] { "x" } });
        var sweepDirect = await Api.SendAsync(HttpMethod.Post, "/reservation-expiry", inventory.AdminToken(tenant));

        await ProblemAssert.IsProblemAsync(stranger, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(cartReserving, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(direct, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(noTenant, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(sweepDirect, HttpStatusCode.Unauthorized);
        Assert.Equal(0, await inventory.ReservationCountAsync(tenant));
    }
}
