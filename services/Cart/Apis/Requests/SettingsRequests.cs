namespace DaprShop.Cart.Apis.Requests;

/// <summary>A tenant's whole tax table: the default rate and the rates by country (and optionally region); fractions, 0.19 = 19 %.</summary>
internal sealed record TaxTableRequest(decimal? DefaultRate, List<TaxRateRequest>? Rates)
{
    public const int MaxRates = 1000;
}

internal sealed record TaxRateRequest(string? Country, string? Region, decimal? Rate);

/// <summary>A tenant's shipping estimate per currency: a flat rate, free from a subtotal on (optional).</summary>
internal sealed record ShippingTableRequest(List<ShippingRateRequest>? Rates)
{
    public const int MaxRates = 200;
}

internal sealed record ShippingRateRequest(string? Currency, decimal? FlatRate, decimal? FreeFrom);
