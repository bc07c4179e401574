using System.Net;
using System.Net.Http.Json;
using DaprShop.Inventory.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Inventory.Tests;

/// <summary>Admins adjust stock with a reason; every change is a ledger line that reconciles with the figures.</summary>
public sealed class StockTests(InventoryService inventory) : IClassFixture<InventoryService>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    InventoryApi Api => inventory.Api;

    static string NewSku() => "SKU-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Receiving_creates_the_stock_and_a_ledger_line_with_who_why_and_before_after()
    {
        var tenant = Guid.CreateVersion7();
        var sku = NewSku();

        var first = await InventoryApi.ReadAsync<AdjustmentView>(await Api.AdjustAsync(inventory.AdminToken(tenant), sku, "receive",
            new { quantity = 12, reason = "PO 4711" }));
        var second = await InventoryApi.ReadAsync<AdjustmentView>(await Api.AdjustAsync(inventory.AdminToken(tenant), sku, "receive",
            new { quantity = 3, reason = "PO 4712" }));

        Assert.Equal(new StockView(sku, 15, 0, 15, 0, false, second.Stock.UpdatedAt), second.Stock);
        Assert.Equal(("receive", 0L, 12L, 12L, "PO 4711"), (first.Movement.Kind, first.Movement.OnHandBefore, first.Movement.OnHandAfter, first.Movement.OnHandDelta, first.Movement.Reason));
        Assert.Equal((12L, 15L), (second.Movement.OnHandBefore, second.Movement.OnHandAfter));
        Assert.StartsWith("user:", second.Movement.Actor);
        Assert.Equal(inventory.Now, second.Movement.OccurredAt);
    }

    [Fact]
    public async Task A_correction_sets_the_counted_figure_and_a_write_off_removes_units()
    {
        var tenant = Guid.CreateVersion7();
        var sku = NewSku();
        await Api.ReceiveAsync(tenant, sku, 20);
        var admin = inventory.AdminToken(tenant);

        var corrected = await InventoryApi.ReadAsync<AdjustmentView>(await Api.AdjustAsync(admin, sku, "correct", new { quantity = 17, reason = "stocktake" }));
        var written = await InventoryApi.ReadAsync<AdjustmentView>(await Api.AdjustAsync(admin, sku, "write-off", new { quantity = 2, reason = "damaged" }));

        Assert.Equal((20L, 17L, -3L), (corrected.Movement.OnHandBefore, corrected.Movement.OnHandAfter, corrected.Movement.OnHandDelta));
        Assert.Equal((17L, 15L), (written.Movement.OnHandBefore, written.Movement.OnHandAfter));
        Assert.Equal(15, written.Stock.OnHand);
        Assert.Equal(0, await inventory.UnreconciledSkusAsync());
    }

    [Theory]
    [InlineData("write-off", 8)]
    [InlineData("correct", 4)]
    public async Task An_adjustment_below_the_reserved_units_is_a_conflict_and_changes_nothing(string kind, int quantity)
    {
        var tenant = Guid.CreateVersion7();
        var sku = NewSku();
        await Api.ReceiveAsync(tenant, sku, 10);
        await Api.ReserveAsync(tenant, Guid.CreateVersion7(), (sku, 5));
        var movements = await inventory.MovementCountAsync(tenant);

        var response = await Api.AdjustAsync(inventory.AdminToken(tenant), sku, kind, new { quantity, reason = "too much" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "https://daprshop.dev/problems/stock-conflict");
        Assert.Equal((10L, 5L), await inventory.FiguresAsync(tenant, sku));
        Assert.Equal(movements, await inventory.MovementCountAsync(tenant));
    }

    [Fact]
    public async Task Receiving_beyond_the_maximum_on_hand_is_a_conflict_and_changes_nothing()
    {
        var tenant = Guid.CreateVersion7();
        var sku = NewSku();
        var admin = inventory.AdminToken(tenant);
        for (var i = 0; i < 1000; i++)
        {
            var r = await Api.AdjustAsync(admin, sku, "receive", new { quantity = 1_000_000_000, reason = "bulk" });
            if (r.StatusCode != HttpStatusCode.OK) Assert.Fail($"receipt {i}: {(int)r.StatusCode}");
        }

        var response = await Api.AdjustAsync(admin, sku, "receive", new { quantity = 1, reason = "one more" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal((1_000_000_000_000L, 0L), await inventory.FiguresAsync(tenant, sku));
    }

    [Fact]
    public async Task Correcting_or_writing_off_a_sku_never_received_is_not_found()
    {
        var tenant = Guid.CreateVersion7();
        var admin = inventory.AdminToken(tenant);

        await ProblemAssert.IsProblemAsync(await Api.AdjustAsync(admin, NewSku(), "correct", new { quantity = 1, reason = "count" }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.AdjustAsync(admin, NewSku(), "write-off", new { quantity = 1, reason = "lost" }), HttpStatusCode.NotFound);
        Assert.Equal(0, await inventory.MovementCountAsync(tenant));
    }

    [Fact]
    public async Task An_adjustment_id_applies_once_and_refuses_other_content()
    {
        var tenant = Guid.CreateVersion7();
        var sku = NewSku();
        var admin = inventory.AdminToken(tenant);
        var id = Guid.CreateVersion7();

        var first = await InventoryApi.ReadAsync<AdjustmentView>(await Api.AdjustAsync(admin, sku, "receive", new { adjustmentId = id, quantity = 5, reason = "PO 1" }));
        var retry = await InventoryApi.ReadAsync<AdjustmentView>(await Api.AdjustAsync(admin, sku, "receive", new { adjustmentId = id, quantity = 5, reason = "PO 1" }));
        var other = await Api.AdjustAsync(admin, sku, "receive", new { adjustmentId = id, quantity = 6, reason = "PO 1" });

        Assert.Equal(first.Movement, retry.Movement);
        await ProblemAssert.IsProblemAsync(other, HttpStatusCode.UnprocessableEntity, "https://daprshop.dev/problems/adjustment-id-reused");
        Assert.Equal((5L, 0L), await inventory.FiguresAsync(tenant, sku));
    }

    [Fact]
    public async Task The_same_adjustment_id_sent_many_times_at_once_applies_once()
    {
        var tenant = Guid.CreateVersion7();
        var sku = NewSku();
        await Api.ReceiveAsync(tenant, sku, 1);
        var admin = inventory.AdminToken(tenant);
        var id = Guid.CreateVersion7();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return await Api.AdjustAsync(admin, sku, "receive", new { adjustmentId = id, quantity = 5, reason = "PO 2" });
        })).ToArray();
        gate.SetResult();
        var responses = await Task.WhenAll(calls);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal((6L, 0L), await inventory.FiguresAsync(tenant, sku));
    }

    [Fact]
    public async Task Falling_below_the_threshold_publishes_low_stock_once()
    {
        var tenant = Guid.CreateVersion7();
        var sku = NewSku();
        await Api.ReceiveAsync(tenant, sku, 10);
        var admin = inventory.AdminToken(tenant);
        var set = await Api.SendAsync(HttpMethod.Put, $"/api/v1/stock/{sku}/threshold", admin, new { threshold = 5 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        await Api.ReserveAsync(tenant, Guid.CreateVersion7(), (sku, 5)); // available 5: not below
        Assert.Equal(0, await inventory.StagedEventsAsync("LowStock", tenant));
        await Api.ReserveAsync(tenant, Guid.CreateVersion7(), (sku, 1)); // 4: crosses
        await Api.AdjustAsync(admin, sku, "write-off", new { quantity = 1, reason = "lost" }); // 3: still below

        Assert.Equal(1, await inventory.StagedEventsAsync("LowStock", tenant));
        var stock = await Api.StockAsync(tenant, sku);
        Assert.True(stock!.Low);
        Assert.Equal(3, stock.Available);
    }

    [Fact]
    public async Task The_ledger_of_a_sku_is_paged_newest_first_and_includes_reservations()
    {
        var tenant = Guid.CreateVersion7();
        var sku = NewSku();
        await Api.ReceiveAsync(tenant, sku, 10);
        inventory.Host.Clock!.Advance(TimeSpan.FromSeconds(1));
        var order = Guid.CreateVersion7();
        await Api.ReserveAsync(tenant, order, (sku, 2));
        inventory.Host.Clock!.Advance(TimeSpan.FromSeconds(1));
        await Api.CommitAsync(tenant, order);

        var page = await InventoryApi.ReadAsync<PageView<MovementView>>(
            await Api.SendAsync(HttpMethod.Get, $"/api/v1/stock/{sku}/movements?pageSize=2", inventory.SupportToken(tenant)));

        Assert.Equal(3, page.Total);
        Assert.Equal(["commit", "reserve"], page.Items.Select(m => m.Kind));
        Assert.Equal((order, -2L, -2L), (page.Items[0].OrderId!.Value, page.Items[0].OnHandDelta, page.Items[0].ReservedDelta));
        Assert.Equal("app:ordering", page.Items[1].Actor);
    }

    [Fact]
    public async Task Support_reads_stock_but_only_admins_change_it_and_customers_see_nothing()
    {
        var tenant = Guid.CreateVersion7();
        var sku = NewSku();
        await Api.ReceiveAsync(tenant, sku, 3);

        var list = await InventoryApi.ReadAsync<PageView<StockView>>(await Api.SendAsync(HttpMethod.Get, "/api/v1/stock", inventory.SupportToken(tenant)));
        var supportAdjusts = await Api.AdjustAsync(inventory.SupportToken(tenant), sku, "receive", new { quantity = 1, reason = "x" });
        var customerReads = await Api.SendAsync(HttpMethod.Get, $"/api/v1/stock/{sku}", inventory.CustomerToken(tenant));
        var anonymous = await Api.SendAsync(HttpMethod.Get, "/api/v1/stock", null);

        Assert.Equal([sku], list.Items.Select(s => s.Sku));
        await ProblemAssert.IsProblemAsync(supportAdjusts, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(customerReads, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Equal((3L, 0L), await inventory.FiguresAsync(tenant, sku));
    }

    [Fact]
    public async Task Settings_default_to_fifteen_minutes_until_an_admin_sets_them()
    {
        var tenant = Guid.CreateVersion7();

        var before = await (await Api.SendAsync(HttpMethod.Get, "/api/v1/settings", inventory.SupportToken(tenant))).Content.ReadFromJsonAsync<Dictionary<string, object>>(Ct);
        var supportPut = await Api.SendAsync(HttpMethod.Put, "/api/v1/settings", inventory.SupportToken(tenant), new { reservationMinutes = 30 });

        Assert.Equal("15", before!["reservationMinutes"].ToString());
        await ProblemAssert.IsProblemAsync(supportPut, HttpStatusCode.Forbidden);
    }
}
