using System.Net;
using DaprShop.Inventory.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Inventory.Tests;

/// <summary>Another tenant's token or X-Tenant-ID finds nothing and changes nothing, on every route.</summary>
public sealed class TenantIsolationTests(InventoryService inventory) : IClassFixture<InventoryService>
{
    InventoryApi Api => inventory.Api;

    [Fact]
    public async Task Another_tenants_admin_finds_no_stock_movements_or_reservations_and_changes_nothing()
    {
        Guid owner = Guid.CreateVersion7(), other = Guid.CreateVersion7();
        var sku = "ISO-" + Guid.NewGuid().ToString("N")[..10];
        await Api.ReceiveAsync(owner, sku, 10);
        var order = Guid.CreateVersion7();
        await Api.ReserveAsync(owner, order, (sku, 3));
        var intruder = inventory.AdminToken(other);
        var movements = await inventory.MovementCountAsync(owner);

        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Get, $"/api/v1/stock/{sku}", intruder), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Get, $"/api/v1/stock/{sku}/movements", intruder), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Get, $"/api/v1/reservations/{order}", intruder), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.AdjustAsync(intruder, sku, "write-off", new { quantity = 1, reason = "x" }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.AdjustAsync(intruder, sku, "correct", new { quantity = 0, reason = "x" }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Put, $"/api/v1/stock/{sku}/threshold", intruder, new { threshold = 9 }), HttpStatusCode.NotFound);
        Assert.Empty((await InventoryApi.ReadAsync<PageView<StockView>>(await Api.SendAsync(HttpMethod.Get, "/api/v1/stock", intruder))).Items);
        Assert.Empty((await InventoryApi.ReadAsync<PageView<ReservationView>>(await Api.SendAsync(HttpMethod.Get, "/api/v1/reservations", intruder))).Items);
        // Receiving the same SKU in another tenant is that tenant's own stock, not the owner's.
        await Api.ReceiveAsync(other, sku, 1);

        Assert.Equal((10L, 3L), await inventory.FiguresAsync(owner, sku));
        Assert.Equal((1L, 0L), await inventory.FiguresAsync(other, sku));
        Assert.Equal(movements, await inventory.MovementCountAsync(owner));
    }

    [Fact]
    public async Task A_service_call_for_another_tenant_finds_no_reservation_and_no_stock()
    {
        Guid owner = Guid.CreateVersion7(), other = Guid.CreateVersion7();
        var sku = "ISO-" + Guid.NewGuid().ToString("N")[..10];
        await Api.ReceiveAsync(owner, sku, 10);
        var order = Guid.CreateVersion7();
        await Api.ReserveAsync(owner, order, (sku, 3));

        await ProblemAssert.IsProblemAsync(await Api.GetReservationAsync(other, order), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.ReleaseAsync(other, order), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.CommitAsync(other, order), HttpStatusCode.NotFound);
        var reserveElsewhere = await Api.ReserveAsync(other, Guid.CreateVersion7(), (sku, 1));
        var availability = await InventoryApi.ReadAsync<AvailabilityView>(await Api.AvailabilityAsync(inventory.Cart, other, sku));

        await ProblemAssert.IsProblemAsync(reserveElsewhere, HttpStatusCode.Conflict, "https://daprshop.dev/problems/insufficient-stock");
        Assert.Equal(0, availability.Items.Single().Available);
        Assert.Equal((10L, 3L), await inventory.FiguresAsync(owner, sku));
        Assert.Equal("held", (await InventoryApi.ReadAsync<ReservationView>(await Api.GetReservationAsync(owner, order))).Status);
    }

    [Fact]
    public async Task The_same_order_id_in_two_tenants_is_two_reservations()
    {
        Guid a = Guid.CreateVersion7(), b = Guid.CreateVersion7();
        var sku = "ISO-" + Guid.NewGuid().ToString("N")[..10];
        await Api.ReceiveAsync(a, sku, 5);
        await Api.ReceiveAsync(b, sku, 5);
        var order = Guid.CreateVersion7();

        Assert.Equal(HttpStatusCode.Created, (await Api.ReserveAsync(a, order, (sku, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Api.ReserveAsync(b, order, (sku, 2))).StatusCode);

        Assert.Equal((5L, 1L), await inventory.FiguresAsync(a, sku));
        Assert.Equal((5L, 2L), await inventory.FiguresAsync(b, sku));
    }
}
