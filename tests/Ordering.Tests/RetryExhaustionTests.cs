using System.Net;
using DaprShop.Ordering.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Ordering.Tests;

public sealed record AttentionView(string Reason, DateTimeOffset Since, bool Open, ResolutionView? Resolution);

public sealed record ResolutionView(string Note, Guid By, DateTimeOffset At);

public sealed record StaffOrderView(Guid Id, string Status, string? StatusReason, AttentionView? Attention);

public sealed record StaffPageView(List<StaffOrderView> Items, int Page, int PageSize, long Total);

/// <summary>
/// A step whose retries run out is never silent: a forward step compensates and fails the order with a reason naming
/// the step and the dependency; a compensation that runs out leaves the order as it is, flagged for operators, who list
/// the flagged orders with <c>?attention=true</c> and an admin resolves one once settled by hand. Inventory's calls are
/// made to fail at the sidecar (no breaker on it).
/// </summary>
public sealed class RetryExhaustionTests(FastRetryOrderingService ordering) : IClassFixture<FastRetryOrderingService>
{
    OrdersClient Api => new(ordering);

    async Task<(long OnHand, long Reserved)> FiguresAsync(Guid tenantId, Guid productId)
    {
        var sku = ordering.SkuOf(tenantId, productId);
        return (await ordering.InventoryDb.ScalarAsync<long>("select on_hand from stock_items where tenant_id = $1 and sku = $2", tenantId, sku),
            await ordering.InventoryDb.ScalarAsync<long>("select reserved from stock_items where tenant_id = $1 and sku = $2", tenantId, sku));
    }

    async Task<StaffPageView> AttentionListAsync(Guid tenantId)
    {
        using var response = await Api.ListAsync(ordering.StaffToken(tenantId), "?attention=true&pageSize=50");
        return await OrdersClient.OkAsync<StaffPageView>(response);
    }

    Task<HttpResponseMessage> ResolveAsync(string token, Guid orderId, object? body) =>
        Api.SendAsync(HttpMethod.Post, $"/api/v1/orders/{orderId}/attention/resolve", token, body);

    static object Note(string note = "Released the 2 held units in inventory's console.") => new { note };

    /// <summary>Flags an order as the saga's last step does (arranged in the database: no API flags an order).</summary>
    Task FlagAsync(Guid orderId) => ordering.Database.ExecuteAsync(
        "update orders set needs_attention = true, attention_reason = 'release-or-return-stock: inventory unavailable', attention_at = now() where id = $1",
        orderId);

    [Fact]
    public async Task A_step_that_runs_out_of_retries_compensates_and_fails_the_order_naming_the_step_and_dependency()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 10m, stock: 5);
        ordering.Host.Cluster.Faults.FailNextInvocations(FastRetryOrderingService.StepAttempts, "inventory");

        var placed = await Api.PlaceOkAsync(buyer, (shirt, 2));
        var order = await Api.UntilStatusAsync(buyer.Token, placed.Id, "failed");

        Assert.StartsWith($"reserve-stock: inventory unavailable after {FastRetryOrderingService.StepAttempts} attempts", order.StatusReason, StringComparison.Ordinal);
        Assert.Equal(["pending", "failed"], order.History!.Select(h => h.To));
        Assert.Equal((5L, 0L), await FiguresAsync(buyer.TenantId, shirt));
        Assert.Equal(0, await ordering.PaymentDb.ScalarAsync<long>("select count(*) from payments where order_id = $1", placed.Id));
        Assert.DoesNotContain(placed.Id, (await AttentionListAsync(buyer.TenantId)).Items.Select(o => o.Id));
    }

    [Fact]
    public async Task Shipping_unreachable_past_its_retries_cancels_the_paid_order_refunds_it_and_returns_the_stock()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 10m, stock: 5);
        ordering.Host.Cluster.Faults.FailNextInvocations(FastRetryOrderingService.StepAttempts, "shipping");

        var placed = await Api.PlaceOkAsync(buyer, (shirt, 2));
        var order = await Api.UntilStatusAsync(buyer.Token, placed.Id, "cancelled");

        Assert.StartsWith($"request-shipment: shipping unavailable after {FastRetryOrderingService.StepAttempts} attempts", order.StatusReason, StringComparison.Ordinal);
        Assert.Equal(["pending", "confirmed", "processing", "cancelled"], order.History!.Select(h => h.To));
        Assert.Equal(20m, await ordering.PaymentDb.ScalarAsync<decimal>("select refunded_amount from payments where order_id = $1", placed.Id));
        await Eventually.TrueAsync(async () => await FiguresAsync(buyer.TenantId, shirt) == (5L, 0L), "the stock came back");
        Assert.False(ordering.Shipments.ContainsKey((buyer.TenantId, placed.Id)));
        Assert.DoesNotContain(placed.Id, (await AttentionListAsync(buyer.TenantId)).Items.Select(o => o.Id));
    }

    [Fact]
    public async Task A_compensation_that_runs_out_of_retries_flags_the_order_for_operators_and_leaves_its_status()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 10m, stock: 5);
        var fine = await Api.PlaceOkAsync(buyer, (shirt, 1));
        await Api.UntilStatusAsync(buyer.Token, fine.Id, "processing");
        await ordering.Host.Cluster.PubSub.WhenIdleAsync(TestContext.Current.CancellationToken);
        // The reservation fails all its attempts, then so does the release that would give back a hold made meanwhile.
        ordering.Host.Cluster.Faults.FailNextInvocations(FastRetryOrderingService.StepAttempts + FastRetryOrderingService.CompensationAttempts, "inventory");

        var placed = await Api.PlaceOkAsync(buyer, (shirt, 2));

        StaffPageView? flagged = null;
        await Eventually.TrueAsync(async () => (flagged = await AttentionListAsync(buyer.TenantId)).Items.Any(o => o.Id == placed.Id),
            "the order was flagged for attention", TimeSpan.FromSeconds(30));
        var order = Assert.Single(flagged!.Items);
        Assert.Equal(placed.Id, order.Id);
        Assert.Equal(1, flagged.Total);
        Assert.Equal("pending", order.Status); // not "failed": that would claim the stock was given back
        Assert.StartsWith($"release-or-return-stock: inventory unavailable after {FastRetryOrderingService.CompensationAttempts} attempts",
            order.Attention!.Reason, StringComparison.Ordinal);
        Assert.Contains("reserve-stock: inventory unavailable", order.Attention.Reason, StringComparison.Ordinal);

        // The rest of the tenant's orders are not in the queue; a customer may not ask for it, nor sees the flag.
        using (var all = await Api.ListAsync(ordering.StaffToken(buyer.TenantId), "?attention=false"))
            Assert.Equal([fine.Id], (await OrdersClient.OkAsync<StaffPageView>(all)).Items.Select(o => o.Id));
        using (var asCustomer = await Api.ListAsync(buyer.Token, "?attention=true"))
            Assert.Equal(HttpStatusCode.Forbidden, asCustomer.StatusCode);
        using (var own = await Api.GetAsync(buyer.Token, placed.Id))
            Assert.Null((await OrdersClient.OkAsync<StaffOrderView>(own)).Attention);
        using (var otherTenant = await Api.ListAsync(ordering.StaffToken(Guid.CreateVersion7()), "?attention=true"))
            Assert.Empty((await OrdersClient.OkAsync<StaffPageView>(otherTenant)).Items);
        using (var bad = await Api.ListAsync(ordering.StaffToken(buyer.TenantId), "?attention=maybe"))
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal((4L, 0L), await FiguresAsync(buyer.TenantId, shirt));
        Assert.Equal("pending", (await Api.GetOkAsync(buyer.Token, placed.Id)).Status);

        // Settled by hand, an admin resolves it: out of the queue, the flag's reason kept beside what was done.
        var admin = ordering.StaffToken(buyer.TenantId, "admin");
        var resolved = await OrdersClient.OkAsync<StaffOrderView>(await ResolveAsync(admin, placed.Id, Note()));
        Assert.False(resolved.Attention!.Open);
        Assert.StartsWith("release-or-return-stock", resolved.Attention.Reason, StringComparison.Ordinal);
        Assert.Equal("Released the 2 held units in inventory's console.", resolved.Attention.Resolution!.Note);
        Assert.Equal("pending", resolved.Status);
        Assert.Empty((await AttentionListAsync(buyer.TenantId)).Items);
    }

    [Fact]
    public async Task Only_an_admin_of_the_tenant_resolves_a_flagged_order_once_and_says_what_was_done()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 10m, stock: 5);
        var placed = await Api.PlaceOkAsync(buyer, (shirt, 1));
        await Api.UntilStatusAsync(buyer.Token, placed.Id, "processing");
        var admin = ordering.StaffToken(buyer.TenantId, "admin");

        // Not flagged: nothing to resolve.
        using (var notFlagged = await ResolveAsync(admin, placed.Id, Note()))
            await ProblemAssert.IsProblemAsync(notFlagged, HttpStatusCode.Conflict, "https://daprshop.dev/problems/order-attention-not-flagged");
        await FlagAsync(placed.Id);

        // Support lists the queue but does not settle; a customer neither; another tenant's admin finds no such order.
        using (var support = await ResolveAsync(ordering.StaffToken(buyer.TenantId), placed.Id, Note()))
            Assert.Equal(HttpStatusCode.Forbidden, support.StatusCode);
        using (var customer = await ResolveAsync(buyer.Token, placed.Id, Note()))
            Assert.Equal(HttpStatusCode.Forbidden, customer.StatusCode);
        using (var otherTenant = await ResolveAsync(ordering.StaffToken(Guid.CreateVersion7(), "admin"), placed.Id, Note()))
            Assert.Equal(HttpStatusCode.NotFound, otherTenant.StatusCode);
        using (var unknown = await ResolveAsync(admin, Guid.CreateVersion7(), Note()))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // A note is required: what was done, in at most 500 characters.
        foreach (var bad in new[] { "{}", """{"note":null}""", """{"note":"   "}""", $$"""{"note":"{{new string('x', 501)}}"}""", """{"note":"done\u0000"}""", """{"note":5}""", "[]" })
        {
            using var refused = await ResolveAsync(admin, placed.Id, bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        using (var noBody = await ResolveAsync(admin, placed.Id, null))
            Assert.True((int)noBody.StatusCode is >= 400 and < 500, $"no body: {(int)noBody.StatusCode}");
        Assert.Contains(placed.Id, (await AttentionListAsync(buyer.TenantId)).Items.Select(o => o.Id));

        // Eight admins at once: one resolves it, seven are told it is resolved already.
        var barrier = new Barrier(8);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            barrier.SignalAndWait();
            return await ResolveAsync(admin, placed.Id, Note($"settled by admin {i}"));
        })));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        var winner = await OrdersClient.OkAsync<StaffOrderView>(answers.Single(a => a.StatusCode == HttpStatusCode.OK));
        foreach (var a in answers) a.Dispose();

        using var read = await Api.GetAsync(admin, placed.Id);
        var order = await OrdersClient.OkAsync<StaffOrderView>(read);
        Assert.Equal(winner.Attention!.Resolution!.Note, order.Attention!.Resolution!.Note);
        Assert.False(order.Attention.Open);
        Assert.Equal("processing", order.Status);
        Assert.DoesNotContain(placed.Id, (await AttentionListAsync(buyer.TenantId)).Items.Select(o => o.Id));
        // A customer still sees nothing of it.
        using var own = await Api.GetAsync(buyer.Token, placed.Id);
        Assert.Null((await OrdersClient.OkAsync<StaffOrderView>(own)).Attention);
    }
}
