using DaprShop.Contracts.Inventory;
using DaprShop.Inventory.Apis.Requests;
using DaprShop.Inventory.Domain;
using FluentValidation;

namespace DaprShop.Inventory.Validation;

internal sealed class AdjustmentRequestValidator : AbstractValidator<AdjustmentRequest>
{
    public AdjustmentRequestValidator()
    {
        RuleFor(r => r.AdjustmentId).NotEqual(Guid.Empty).When(r => r.AdjustmentId is not null);
        // 0 only makes sense for a count (correct); receive and write-off check "at least 1" by route.
        RuleFor(r => r.Quantity).NotNull().InclusiveBetween(0, StockRules.MaxAdjustment);
        RuleFor(r => r.Reason).NotEmpty().Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("A reason is required.")
            .MaximumLength(StockRules.ReasonLength);
    }
}

internal sealed class ThresholdRequestValidator : AbstractValidator<ThresholdRequest>
{
    public ThresholdRequestValidator()
    {
        RuleFor(r => r.Threshold).NotNull().InclusiveBetween(0, StockRules.MaxThreshold);
        RuleFor(r => r.Reason).MaximumLength(StockRules.ReasonLength);
    }
}

internal sealed class SettingsRequestValidator : AbstractValidator<SettingsRequest>
{
    public SettingsRequestValidator() =>
        RuleFor(r => r.ReservationMinutes).NotNull().InclusiveBetween(StockRules.MinReservationMinutes, StockRules.MaxReservationMinutes);
}

internal sealed class ReservationFilterValidator : AbstractValidator<ReservationFilter>
{
    static readonly string[] Statuses =
        [ReservationStatuses.Held, ReservationStatuses.Committed, ReservationStatuses.Released, ReservationStatuses.Expired, ReservationStatuses.Returned];

    public ReservationFilterValidator() =>
        RuleFor(f => f.Status).Must(s => s is null || Statuses.Contains(s, StringComparer.Ordinal))
            .WithMessage($"One of {string.Join(", ", Statuses)}.");
}
