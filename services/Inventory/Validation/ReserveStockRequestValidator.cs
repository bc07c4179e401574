using DaprShop.Contracts.Catalog;
using DaprShop.Contracts.Inventory;
using DaprShop.Inventory.Domain;
using FluentValidation;

namespace DaprShop.Inventory.Validation;

internal sealed class ReserveStockRequestValidator : AbstractValidator<ReserveStockRequest>
{
    public ReserveStockRequestValidator()
    {
        RuleFor(r => r.OrderId).NotEmpty();
        RuleFor(r => r.Lines).Cascade(CascadeMode.Stop).NotNull().Must(l => l.Count is >= 1 and <= StockRules.MaxLines)
            .WithMessage($"Between 1 and {StockRules.MaxLines} lines.");
        RuleFor(r => r.Lines).Must(l => l.Where(x => x is not null).Select(x => x.Sku).Distinct(StringComparer.Ordinal).Count() == l.Count(x => x is not null))
            .When(r => r.Lines is not null)
            .WithMessage("Each SKU at most once; add the quantities up instead.");
        RuleForEach(r => r.Lines).Cascade(CascadeMode.Stop).NotNull().ChildRules(line =>
        {
            line.RuleFor(l => l.Sku).Must(Skus.IsValid).WithMessage(SkuRules.Message);
            line.RuleFor(l => l.Quantity).InclusiveBetween(1, StockRules.MaxLineQuantity);
        }).When(r => r.Lines is not null);
    }
}
