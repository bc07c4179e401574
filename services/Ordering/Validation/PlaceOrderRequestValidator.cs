using DaprShop.Ordering.Apis.Requests;
using FluentValidation;

namespace DaprShop.Ordering.Validation;

internal sealed class PlaceOrderRequestValidator : AbstractValidator<PlaceOrderRequest>
{
    public const int MaxLines = 100;
    public const int MaxQuantity = 1000;
    public const int MaxTokenLength = 128;

    public PlaceOrderRequestValidator()
    {
        // No lines: the customer's cart is checked out. Lines given must be some: an empty list is more likely a client's
        // bug than a wish to order the cart.
        RuleFor(r => r.Lines).NotEmpty().WithMessage("Give at least one line, or leave lines out to check out your cart.")
            .Must(l => l!.Count <= MaxLines).WithMessage($"At most {MaxLines} lines.").When(r => r.Lines is not null);
        RuleForEach(r => r.Lines).NotNull().ChildRules(line =>
        {
            line.RuleFor(l => l.ProductId).NotNull().NotEqual(Guid.Empty);
            line.RuleFor(l => l.Quantity).NotNull().InclusiveBetween(1, MaxQuantity);
        });
        RuleFor(r => r.ShippingAddressId).NotNull().NotEqual(Guid.Empty);
        RuleFor(r => r.BillingAddressId).NotNull().NotEqual(Guid.Empty);
        RuleFor(r => r.PaymentMethodToken).NotEmpty().MaximumLength(MaxTokenLength)
            .Must(t => t is null || t.All(c => c is >= '!' and <= '~')).WithMessage("A payment-method token is printable ASCII.");
    }
}

internal sealed class CancelOrderRequestValidator : AbstractValidator<CancelOrderRequest>
{
    public CancelOrderRequestValidator() => RuleFor(r => r.Reason).MaximumLength(200);
}

internal sealed class OrderFilterValidator : AbstractValidator<OrderFilter>
{
    public OrderFilterValidator() =>
        RuleFor(f => f.Status).Must(s => s is null || Domain.OrderStatuses.TryParse(s, out _)).WithMessage("Unknown status.");
}
