using DaprShop.Contracts.Shipping;
using DaprShop.Shipping.Apis.Requests;
using DaprShop.Shipping.Domain;
using FluentValidation;

namespace DaprShop.Shipping.Validation;

internal sealed class RequestShipmentRequestValidator : AbstractValidator<RequestShipmentRequest>
{
    public const int MaxLines = 100;
    public const int MaxQuantity = 10_000;

    public RequestShipmentRequestValidator()
    {
        RuleFor(r => r.OrderId).NotEmpty();
        RuleFor(r => r.CustomerId).NotEmpty();
        RuleFor(r => r.ShippingAddressId).NotEmpty();
        RuleFor(r => r.OrderNumber).MaximumLength(32);
        RuleFor(r => r.ServiceLevel).Must(l => l is null || ServiceLevels.All.Contains(l))
            .WithMessage($"One of: {string.Join(", ", ServiceLevels.All)}.");
        RuleFor(r => r.Lines).NotEmpty().Must(l => l is null || l.Count <= MaxLines).WithMessage($"At most {MaxLines} lines.");
        RuleForEach(r => r.Lines).NotNull().ChildRules(line =>
        {
            line.RuleFor(l => l.ProductId).NotEmpty();
            line.RuleFor(l => l.Quantity).InclusiveBetween(1, MaxQuantity);
        });
    }
}

internal sealed class ShipmentFilterValidator : AbstractValidator<ShipmentFilter>
{
    public ShipmentFilterValidator() =>
        RuleFor(f => f.Status).Must(s => s is null || ShipmentTransitions.IsKnown(s))
            .WithMessage($"One of: {string.Join(", ", ShipmentTransitions.All)}.");
}

internal sealed class CancelShipmentRequestValidator : AbstractValidator<CancelShipmentRequest>
{
    public CancelShipmentRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(200);
}

internal sealed class RateQueryValidator : AbstractValidator<RateQuery>
{
    public RateQueryValidator() => RuleFor(q => q.Items).InclusiveBetween(1, RequestShipmentRequestValidator.MaxQuantity);
}
