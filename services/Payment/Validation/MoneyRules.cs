using DaprShop.Contracts.Money;
using DaprShop.Contracts.Payment;
using FluentValidation;

namespace DaprShop.Payment.Validation;

internal static class MoneyRules
{
    /// <summary>Far above any real order, far below the column's range: a client's number never reaches the database unchecked.</summary>
    public const decimal MaxAmount = 1_000_000_000m;

    /// <summary>
    /// A positive amount, at most <see cref="MaxAmount"/>, in a known currency, with no more decimals than the currency
    /// has (12.345 EUR is refused, not rounded: a payment is never for another amount than asked).
    /// </summary>
    public static void MustBeAmount<T>(this IRuleBuilderInitial<T, MoneyAmount?> rule) =>
        rule.NotNull().ChildRules(m =>
        {
            m.RuleFor(x => x!.Currency).NotEmpty().Must(Currencies.IsKnown).WithMessage("Must be an ISO 4217 currency code in capitals.");
            m.RuleFor(x => x!.Amount).GreaterThan(0).LessThanOrEqualTo(MaxAmount)
                .Must((x, amount) => !Currencies.IsKnown(x!.Currency) || Currencies.FitsMinorUnits(amount, x.Currency))
                .WithMessage("Has more decimals than the currency allows.");
        });
}
