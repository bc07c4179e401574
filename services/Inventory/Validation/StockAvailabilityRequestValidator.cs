using DaprShop.Contracts.Catalog;
using DaprShop.Contracts.Inventory;
using DaprShop.Inventory.Domain;
using FluentValidation;

namespace DaprShop.Inventory.Validation;

internal sealed class StockAvailabilityRequestValidator : AbstractValidator<StockAvailabilityRequest>
{
    public StockAvailabilityRequestValidator()
    {
        RuleFor(r => r.Skus).Cascade(CascadeMode.Stop).NotNull().Must(s => s.Count is >= 1 and <= StockRules.MaxAvailabilitySkus)
            .WithMessage($"Between 1 and {StockRules.MaxAvailabilitySkus} SKUs.");
        RuleFor(r => r.Skus).Must(s => s.Distinct(StringComparer.Ordinal).Count() == s.Count)
            .When(r => r.Skus is not null)
            .WithMessage("Each SKU at most once.");
        RuleForEach(r => r.Skus).Must(Skus.IsValid).WithMessage(SkuRules.Message).When(r => r.Skus is not null);
    }
}
