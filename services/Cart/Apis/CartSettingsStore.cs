using DaprShop.Cart.Data;
using DaprShop.Cart.Domain;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Cart.Apis;

/// <summary>The current tenant's tax table and shipping rates, as the totals need them.</summary>
internal sealed class CartSettingsStore(CartDb db)
{
    public async Task<(TaxTable Tax, IReadOnlyList<ShippingRate> Shipping)> ReadAsync(CancellationToken ct)
    {
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct);
        var rates = await db.TaxRates.AsNoTracking().OrderBy(r => r.Country).ThenBy(r => r.Region).ToListAsync(ct);
        var shipping = await db.ShippingRates.AsNoTracking().OrderBy(r => r.Currency).ToListAsync(ct);
        return (new TaxTable(settings?.DefaultTaxRate ?? 0m, [.. rates.Select(r => new TaxRate(r.Country, r.Region, r.Rate))]),
            [.. shipping.Select(s => new ShippingRate(s.Currency, s.FlatRate, s.FreeFrom))]);
    }
}
