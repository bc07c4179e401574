using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Validation;
using DaprShop.Shipping.Apis.Requests;
using DaprShop.Shipping.Carriers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Shipping.Apis;

/// <summary>The carrier's prices per service level for a parcel, as checkout shows them. Any signed-in user of a tenant.</summary>
internal static class RatesApi
{
    public static IEndpointRouteBuilder MapRatesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/shipping-rates", QuoteAsync)
            .WithTags("Shipments")
            .WithName("QuoteShippingRates")
            .WithSummary("The carrier's price and estimated days per service level for a parcel of ?items= items")
            .WithValidation<RateQuery>()
            .RequireTenantUser()
            .WithCarrierFailures();
        return app;
    }

    internal sealed record RateResponse(string ServiceLevel, Contracts.Payment.MoneyAmount Price, int EstimatedDays);

    private static async Task<Ok<IReadOnlyList<RateResponse>>> QuoteAsync([AsParameters] RateQuery query, ICarrier carrier, CancellationToken ct)
    {
        var quotes = await carrier.QuoteAsync(query.Items ?? 1, ct);
        return TypedResults.Ok<IReadOnlyList<RateResponse>>(
            [.. quotes.Select(q => new RateResponse(q.ServiceLevel, new Contracts.Payment.MoneyAmount(q.Amount, q.Currency), q.EstimatedDays))]);
    }
}
