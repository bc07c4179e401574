using DaprShop.Contracts.Payment;
using DaprShop.Payment.Apis.Requests;
using DaprShop.Payment.Domain;
using FluentValidation;

namespace DaprShop.Payment.Validation;

/// <summary>
/// The card's shape. Messages never contain the value: FluentValidation puts the attempted value only into messages
/// that ask for it, and none here does. Luhn and expiry are the provider's answer (422), not a shape error.
/// </summary>
internal sealed class AddPaymentMethodRequestValidator : AbstractValidator<AddPaymentMethodRequest>
{
    public AddPaymentMethodRequestValidator()
    {
        RuleFor(r => r.Number).NotEmpty().WithMessage("A card number is required.")
            .Must(n => Cards.Digits(n) is not null).WithMessage($"Must be {Cards.MinDigits} to {Cards.MaxDigits} digits (spaces and dashes allowed).");
        RuleFor(r => r.ExpMonth).NotNull().InclusiveBetween(1, 12);
        RuleFor(r => r.ExpYear).NotNull().InclusiveBetween(2000, 2100);
        RuleFor(r => r.Cvc).NotEmpty().WithMessage("A security code is required.")
            .Must(c => c is { Length: 3 or 4 } && c.All(char.IsAsciiDigit)).WithMessage("Must be 3 or 4 digits.");
        RuleFor(r => r.HolderName).MaximumLength(100);
    }
}

internal sealed class AuthorizePaymentRequestValidator : AbstractValidator<AuthorizePaymentRequest>
{
    public AuthorizePaymentRequestValidator()
    {
        RuleFor(r => r.OrderId).NotEmpty();
        RuleFor(r => r.CustomerId).NotEmpty();
        RuleFor(r => r.Amount).MustBeAmount();
        RuleFor(r => r.PaymentMethodToken).NotEmpty().MaximumLength(64);
    }
}

internal sealed class CapturePaymentRequestValidator : AbstractValidator<CapturePaymentRequest>
{
    public CapturePaymentRequestValidator() => When(r => r.Amount is not null, () => RuleFor(r => r.Amount).MustBeAmount());
}

internal sealed class RefundPaymentRequestValidator : AbstractValidator<RefundPaymentRequest>
{
    public RefundPaymentRequestValidator()
    {
        RuleFor(r => r.Amount).MustBeAmount();
        RuleFor(r => r.Reason).MaximumLength(500);
    }
}

internal sealed class AdminRefundRequestValidator : AbstractValidator<AdminRefundRequest>
{
    public AdminRefundRequestValidator()
    {
        RuleFor(r => r.Amount).MustBeAmount();
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(500);
    }
}

internal sealed class PaymentFilterValidator : AbstractValidator<PaymentFilter>
{
    static readonly string[] Statuses =
    [
        PaymentStatuses.Authorizing, PaymentStatuses.Pending, PaymentStatuses.Authorized, PaymentStatuses.Capturing, PaymentStatuses.Captured,
        PaymentStatuses.Voiding, PaymentStatuses.Voided, PaymentStatuses.Failed,
    ];

    public PaymentFilterValidator() =>
        RuleFor(f => f.Status).Must(s => s is null || Statuses.Contains(s)).WithMessage($"One of: {string.Join(", ", Statuses)}.");
}
