using System.Globalization;
using DaprShop.Cart.Apis;

namespace DaprShop.Cart.UnitTests;

public sealed class ShownAmountsTests
{
    [Theory]
    [InlineData("199.0000", "EUR", "199.00")]
    [InlineData("19.9950", "EUR", "20.00")]
    [InlineData("1500.0000", "JPY", "1500")]
    public void Amounts_are_shown_at_the_currency_minor_unit(string stored, string currency, string shown) =>
        Assert.Equal(shown, Money.Of(decimal.Parse(stored, CultureInfo.InvariantCulture), currency).Amount.ToString(CultureInfo.InvariantCulture));
}
