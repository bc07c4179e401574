using DaprShop.Payment.Domain;

namespace DaprShop.Payment.UnitTests;

public sealed class CardTests
{
    [Theory]
    [InlineData("4242424242424242", "visa")]
    [InlineData("4242 4242 4242 4242", "visa")]
    [InlineData("4242-4242-4242-4242", "visa")]
    [InlineData("5555555555554444", "mastercard")]
    [InlineData("2223003122003222", "mastercard")]
    [InlineData("378282246310005", "amex")]
    [InlineData("6011111111111117", "discover")]
    [InlineData("4000000000000002", "visa")]
    [InlineData("4000000000009995", "visa")]
    [InlineData("4000000000003220", "visa")]
    [InlineData("4000008400001629", "visa")]
    [InlineData("4000000000000341", "visa")]
    [InlineData("4000000000000069", "visa")]
    [InlineData("4000000000000119", "visa")]
    public void Every_documented_test_card_passes_Luhn_and_has_its_brand(string number, string brand)
    {
        var digits = Cards.Digits(number);

        Assert.NotNull(digits);
        Assert.True(Cards.PassesLuhn(digits));
        Assert.Equal(brand, Cards.BrandOf(digits));
    }

    [Theory]
    [InlineData("4242424242424241")]
    [InlineData("4000000000000001")]
    [InlineData("378282246310006")]
    public void A_wrong_check_digit_fails_Luhn(string number) => Assert.False(Cards.PassesLuhn(Cards.Digits(number)!));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("42424242424")]                 // 11 digits
    [InlineData("42424242424242424242")]        // 20 digits
    [InlineData("4242x42424242424")]
    [InlineData("4242\u00004242424242424")]
    [InlineData("４２４２４２４２４２４２４２４２")]  // full-width digits are not ASCII digits
    public void Anything_but_12_to_19_ASCII_digits_with_spaces_or_dashes_is_not_a_card_number(string? number) => Assert.Null(Cards.Digits(number));

    [Fact]
    public void An_unknown_prefix_has_no_brand() => Assert.Equal(CardBrands.Unknown, Cards.BrandOf("9999999999999995"));

    [Theory]
    [InlineData(12, 2029, false)]
    [InlineData(1, 2030, false)]
    [InlineData(11, 2029, true)]
    [InlineData(12, 2028, true)]
    public void A_card_is_valid_through_the_last_day_of_its_expiry_month(int month, int year, bool expired) =>
        Assert.Equal(expired, Cards.IsExpired(month, year, new DateTimeOffset(2029, 12, 31, 23, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void The_month_after_expiry_the_card_is_expired()
    {
        var now = new DateTimeOffset(2030, 2, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.True(Cards.IsExpired(1, 2030, now));
        Assert.False(Cards.IsExpired(2, 2030, now));
    }

    [Fact]
    public void The_last_four_are_the_last_four_digits() => Assert.Equal("4242", Cards.Last4("4242424242424242"));
}
