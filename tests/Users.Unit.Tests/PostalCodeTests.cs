using DaprShop.Users.Domain;

namespace DaprShop.Users.UnitTests;

public sealed class PostalCodeTests
{
    [Theory]
    [InlineData("US", "94105")]
    [InlineData("US", "94105-1234")]
    [InlineData("CA", "K1A 0B1")]
    [InlineData("CA", "k1a0b1")]
    [InlineData("GB", "SW1A 1AA")]
    [InlineData("GB", "EC1A 1BB")]
    [InlineData("GB", "M1 1AE")]
    [InlineData("GB", "B33 8TH")]
    [InlineData("GB", "CR2 6XH")]
    [InlineData("GB", "DN55 1PT")]
    [InlineData("GB", "W1A 0AX")]
    [InlineData("GB", "GIR 0AA")]
    [InlineData("GB", "sw1a1aa")]
    [InlineData("DE", "10115")]
    [InlineData("DE", "01067")]
    [InlineData("FR", "75008")]
    [InlineData("NL", "1012 AB")]
    [InlineData("NL", "1012ab")]
    [InlineData("JP", "100-0001")]
    [InlineData("JP", "1000001")]
    [InlineData("AU", "2000")]
    [InlineData("BR", "01310-100")]
    [InlineData("BR", "01310100")]
    [InlineData("IN", "110001")]
    [InlineData("IN", "110 001")]
    [InlineData("SE", "114 55")]
    [InlineData("IE", "D02 X285")]
    [InlineData("PL", "00-950")]
    [InlineData("AR", "C1425")]
    [InlineData("us", " 94105 ")]
    [InlineData("US", "94105\n")]           // surrounding white space is trimmed before the check
    public void Accepts_the_formats_of_each_country(string country, string code) =>
        Assert.True(PostalCodes.IsValid(country, code), $"{country} {code}");

    [Theory]
    [InlineData("US", "9410")]
    [InlineData("US", "941050")]
    [InlineData("US", "94105-12")]
    [InlineData("US", "ABCDE")]
    [InlineData("CA", "D1A 0B1")]          // D never starts a Canadian code
    [InlineData("CA", "K1A 0B")]
    [InlineData("CA", "12345")]
    [InlineData("GB", "SW1A 1CA")]         // C is not an inward-code letter
    [InlineData("GB", "QA1 1AA")]          // Q never starts an outward code
    [InlineData("GB", "12345")]
    [InlineData("DE", "1011")]
    [InlineData("DE", "101155")]
    [InlineData("FR", "7500A")]
    [InlineData("NL", "0123 AB")]          // no leading zero
    [InlineData("NL", "1012 SA")]          // SA, SD, SS are not issued
    [InlineData("NL", "1012")]
    [InlineData("JP", "100-000")]
    [InlineData("JP", "10-00001")]
    [InlineData("AU", "200")]
    [InlineData("AU", "20000")]
    [InlineData("BR", "01310-10")]
    [InlineData("IN", "011001")]           // no leading zero
    [InlineData("IN", "11001")]
    [InlineData("SE", "")]
    [InlineData("SE", "-1234")]
    [InlineData("SE", "12345678901")]      // longer than any postal code
    [InlineData("SE", "12$45")]
    [InlineData("DE", "١٠١١٥")]            // Arabic-Indic digits are digits to \d, not to a post office
    public void Refuses_what_the_country_does_not_use(string country, string code) =>
        Assert.False(PostalCodes.IsValid(country, code), $"{country} {code}");

    [Theory]
    [InlineData("CA", "k1a0b1", "K1A 0B1")]
    [InlineData("CA", "K1A  0B1", "K1A 0B1")]
    [InlineData("GB", "sw1a1aa", "SW1A 1AA")]
    [InlineData("GB", "m11ae", "M1 1AE")]
    [InlineData("NL", "1012ab", "1012 AB")]
    [InlineData("JP", "1000001", "100-0001")]
    [InlineData("BR", "01310100", "01310-100")]
    [InlineData("IN", "110 001", "110001")]
    [InlineData("US", " 94105-1234 ", "94105-1234")]
    [InlineData("se", "114  55", "114 55")]
    public void Stores_one_canonical_spelling(string country, string code, string expected) =>
        Assert.Equal(expected, PostalCodes.Normalize(country, code));

    [Fact]
    public void Every_country_with_its_own_format_is_an_assigned_country() =>
        Assert.All(PostalCodes.KnownFormats, c => Assert.True(Countries.IsAssigned(c), c));
}
