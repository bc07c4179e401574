using DaprShop.Cart.Actors;
using DaprShop.Cart.Apis.Requests;
using DaprShop.Cart.Domain;
using FluentValidation;

namespace DaprShop.Cart.Validation;

internal sealed class AddItemRequestValidator : AbstractValidator<AddItemRequest>
{
    public AddItemRequestValidator()
    {
        RuleFor(r => r.ProductId).NotNull().NotEqual(Guid.Empty);
        RuleFor(r => r.Quantity).NotNull().InclusiveBetween(CartLimits.MinQuantity, CartLimits.MaxQuantity);
    }
}

internal sealed class SetQuantityRequestValidator : AbstractValidator<SetQuantityRequest>
{
    public SetQuantityRequestValidator() =>
        RuleFor(r => r.Quantity).NotNull().InclusiveBetween(CartLimits.MinQuantity, CartLimits.MaxQuantity);
}

internal sealed class GuestSetQuantityRequestValidator : AbstractValidator<GuestSetQuantityRequest>
{
    public GuestSetQuantityRequestValidator()
    {
        RuleFor(r => r.ProductId).NotNull().NotEqual(Guid.Empty);
        RuleFor(r => r.Quantity).NotNull().InclusiveBetween(CartLimits.MinQuantity, CartLimits.MaxQuantity);
    }
}

internal sealed class MergeRequestValidator : AbstractValidator<MergeRequest>
{
    public MergeRequestValidator() =>
        RuleFor(r => r.GuestCartId).NotNull().Must(GuestCartIds.IsValid)
            .WithMessage($"A guest cart id is {GuestCartIds.Length} lower-case hex digits, as POST /api/v1/cart/guest gave it.");
}

internal sealed class DestinationQueryValidator : AbstractValidator<DestinationQuery>
{
    public DestinationQueryValidator()
    {
        RuleFor(r => r.Country).Must(Destinations.IsCountry!).When(r => r.Country is not null)
            .WithMessage("An ISO 3166-1 alpha-2 country code, e.g. DE.");
        RuleFor(r => r.Region).Must(Destinations.IsRegion!).When(r => r.Region is not null)
            .WithMessage("A region code of 1 to 16 letters, digits or '-', e.g. BY or US-CA.");
        RuleFor(r => r.Region).Null().When(r => r.Country is null).WithMessage("A region needs a country.");
    }
}

internal sealed class TaxTableRequestValidator : AbstractValidator<TaxTableRequest>
{
    public TaxTableRequestValidator()
    {
        RuleFor(r => r.DefaultRate).NotNull().InclusiveBetween(0m, 1m).PrecisionScale(7, 6, ignoreTrailingZeros: true);
        RuleFor(r => r.Rates).NotNull().Must(r => r!.Count <= TaxTableRequest.MaxRates).WithMessage($"At most {TaxTableRequest.MaxRates} rates.");
        RuleForEach(r => r.Rates).NotNull().ChildRules(rate =>
        {
            rate.RuleFor(x => x.Country).NotNull().Must(Destinations.IsCountry!).WithMessage("An ISO 3166-1 alpha-2 country code, e.g. DE.");
            rate.RuleFor(x => x.Region).Must(Destinations.IsRegion!).When(x => !string.IsNullOrEmpty(x.Region))
                .WithMessage("A region code of 1 to 16 letters, digits or '-'.");
            rate.RuleFor(x => x.Rate).NotNull().InclusiveBetween(0m, 1m).PrecisionScale(7, 6, ignoreTrailingZeros: true);
        }).When(r => r.Rates is { Count: <= TaxTableRequest.MaxRates });
        RuleFor(r => r.Rates).Must(r => r!.Where(x => x is not null)
                .GroupBy(x => (x.Country?.ToUpperInvariant(), (x.Region ?? "").ToUpperInvariant())).All(g => g.Count() == 1))
            .When(r => r.Rates is { Count: <= TaxTableRequest.MaxRates }).WithMessage("Each country and region once.");
    }
}

internal sealed class ShippingTableRequestValidator : AbstractValidator<ShippingTableRequest>
{
    public ShippingTableRequestValidator()
    {
        RuleFor(r => r.Rates).NotNull().Must(r => r!.Count <= ShippingTableRequest.MaxRates)
            .WithMessage($"At most {ShippingTableRequest.MaxRates} rates.");
        RuleForEach(r => r.Rates).NotNull().ChildRules(rate =>
        {
            rate.RuleFor(x => x.Currency).NotNull().Must(DaprShop.Contracts.Money.Currencies.IsKnown).WithMessage("An ISO 4217 code in capitals, e.g. EUR.");
            rate.RuleFor(x => x.FlatRate).NotNull().InclusiveBetween(0m, 1_000_000m);
            rate.RuleFor(x => x.FlatRate).Must((x, v) => DaprShop.Contracts.Money.Currencies.FitsMinorUnits(v!.Value, x.Currency!))
                .When(x => x.FlatRate is not null && DaprShop.Contracts.Money.Currencies.IsKnown(x.Currency))
                .WithMessage("More decimals than the currency has.");
            rate.RuleFor(x => x.FreeFrom).InclusiveBetween(0m, 1_000_000_000m).When(x => x.FreeFrom is not null);
        }).When(r => r.Rates is { Count: <= ShippingTableRequest.MaxRates });
        RuleFor(r => r.Rates).Must(r => r!.Where(x => x is not null).GroupBy(x => x.Currency).All(g => g.Count() == 1))
            .When(r => r.Rates is { Count: <= ShippingTableRequest.MaxRates }).WithMessage("Each currency once.");
    }
}
