using System.Globalization;
using DaprShop.Contracts.Money;

namespace DaprShop.ServiceDefaults.Unit.Tests;

public sealed class CurrencyTests
{
    [Theory]
    [InlineData("EUR", true)]
    [InlineData("JPY", true)]
    [InlineData("KWD", true)]
    [InlineData("eur", false)]
    [InlineData("XXX", false)]
    [InlineData("EURO", false)]
    [InlineData("", false)]
    public void Only_upper_case_iso_4217_codes_are_known(string code, bool known) => Assert.Equal(known, Currencies.IsKnown(code));

    [Theory]
    [InlineData("12.34", "EUR", true)]
    [InlineData("12.345", "EUR", false)]
    [InlineData("100", "JPY", true)]
    [InlineData("100.5", "JPY", false)]
    [InlineData("1.234", "KWD", true)]
    [InlineData("1.2345", "KWD", false)]
    public void A_price_has_at_most_the_minor_units_of_its_currency(string amount, string currency, bool fits) =>
        Assert.Equal(fits, Currencies.FitsMinorUnits(decimal.Parse(amount, CultureInfo.InvariantCulture), currency));

    [Theory]
    [InlineData("2.345", "EUR", "2.35")]
    [InlineData("2.335", "EUR", "2.34")]
    [InlineData("-2.345", "EUR", "-2.35")]
    [InlineData("100.5", "JPY", "101")]
    [InlineData("1.2345", "KWD", "1.235")]
    public void Rounding_goes_to_the_minor_unit_with_midpoints_away_from_zero(string amount, string currency, string rounded) =>
        Assert.Equal(decimal.Parse(rounded, CultureInfo.InvariantCulture), Currencies.Round(decimal.Parse(amount, CultureInfo.InvariantCulture), currency));
}
