using DaprShop.Cart.Apis.Requests;
using DaprShop.Cart.Data;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Cart.Apis;

/// <summary>
/// The tenant's tax table and shipping rates (admin). A PUT replaces a whole table in one transaction (under the
/// tenant's settings row lock); repeating it changes nothing more, so it takes no Idempotency-Key.
/// </summary>
internal static class CartSettingsApi
{
    public static IEndpointRouteBuilder MapCartSettingsApi(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/api/v1/cart-settings").WithTags("Cart settings").RequireAuthorization(Policies.Admin).WithBodyLimit(CartPolicies.MaxBodyBytes);

        settings.MapGet("/tax", GetTaxAsync).WithName("GetTaxTable").WithSummary("The tenant's tax rates by destination and its default rate");
        settings.MapPut("/tax", PutTaxAsync).WithName("ReplaceTaxTable")
            .WithSummary($"Replace the tax table (rates as fractions 0–1; at most {TaxTableRequest.MaxRates}; a country, optionally a region)")
            .WithValidation<TaxTableRequest>();
        settings.MapGet("/shipping", GetShippingAsync).WithName("GetShippingRates").WithSummary("The tenant's shipping estimate per currency");
        settings.MapPut("/shipping", PutShippingAsync).WithName("ReplaceShippingRates")
            .WithSummary($"Replace the shipping rates (per currency a flat rate, free from a subtotal on; at most {ShippingTableRequest.MaxRates})")
            .WithValidation<ShippingTableRequest>();
        return app;
    }

    static async Task<Ok<TaxTableRequest>> GetTaxAsync(CartDb db, CancellationToken ct)
    {
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct);
        var rates = await db.TaxRates.AsNoTracking().OrderBy(r => r.Country).ThenBy(r => r.Region).ToListAsync(ct);
        return TypedResults.Ok(new TaxTableRequest(settings?.DefaultTaxRate ?? 0m,
            [.. rates.Select(r => new TaxRateRequest(r.Country, r.Region.Length == 0 ? null : r.Region, r.Rate))]));
    }

    static async Task<Ok<TaxTableRequest>> PutTaxAsync(TaxTableRequest request, CartDb db, ITenantContext tenant, CancellationToken ct)
    {
        var tenantId = tenant.TenantId ?? throw new TenantIsolationException("cart: settings without a tenant");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockSettingsAsync(tenantId, ct);
        await db.Settings.ExecuteUpdateAsync(x => x.SetProperty(s => s.DefaultTaxRate, request.DefaultRate!.Value), ct);
        await db.TaxRates.ExecuteDeleteAsync(ct);
        db.TaxRates.AddRange(request.Rates!.Select(r => new TaxRateRow
        {
            Country = r.Country!.ToUpperInvariant(),
            Region = (r.Region ?? "").ToUpperInvariant(),
            Rate = r.Rate!.Value,
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetTaxAsync(db, ct);
    }

    static async Task<Ok<ShippingTableRequest>> GetShippingAsync(CartDb db, CancellationToken ct) =>
        TypedResults.Ok(new ShippingTableRequest(
            [.. (await db.ShippingRates.AsNoTracking().OrderBy(r => r.Currency).ToListAsync(ct)).Select(r => new ShippingRateRequest(r.Currency, r.FlatRate, r.FreeFrom))]));

    static async Task<Ok<ShippingTableRequest>> PutShippingAsync(ShippingTableRequest request, CartDb db, ITenantContext tenant, CancellationToken ct)
    {
        var tenantId = tenant.TenantId ?? throw new TenantIsolationException("cart: settings without a tenant");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockSettingsAsync(tenantId, ct);
        await db.ShippingRates.ExecuteDeleteAsync(ct);
        db.ShippingRates.AddRange(request.Rates!.Select(r => new ShippingRateRow { Currency = r.Currency!, FlatRate = r.FlatRate!.Value, FreeFrom = r.FreeFrom }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetShippingAsync(db, ct);
    }
}
