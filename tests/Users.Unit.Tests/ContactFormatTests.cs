using DaprShop.Users.Domain;

namespace DaprShop.Users.UnitTests;

public sealed class ContactFormatTests
{
    [Theory]
    [InlineData("+14155552671")]
    [InlineData("+442071838750")]
    [InlineData("+81312345678")]
    [InlineData("+123456789012345")]   // 15 digits, the most E.164 allows
    public void E164_numbers_are_accepted(string phone) => Assert.True(ContactFormats.IsE164(phone));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("14155552671")]        // no plus
    [InlineData("+04155552671")]       // country codes do not start with 0
    [InlineData("+1 415 555 2671")]    // display formatting is the client's
    [InlineData("+1-415-555-2671")]
    [InlineData("+1234567890123456")]  // 16 digits
    [InlineData("+1")]
    [InlineData("+14155552671\n")]
    [InlineData("+١٤١٥٥٥٥٢٦٧١")]
    public void Anything_else_is_not_E164(string? phone) => Assert.False(ContactFormats.IsE164(phone));

    [Theory]
    [InlineData("en")]
    [InlineData("en-US")]
    [InlineData("pt-BR")]
    [InlineData("zh-Hant-TW")]
    [InlineData("es-419")]
    [InlineData("fil")]
    public void Language_tags_are_accepted(string locale) => Assert.True(ContactFormats.IsLocale(locale));

    [Theory]
    [InlineData("english")]
    [InlineData("en_US")]
    [InlineData("e")]
    [InlineData("en-")]
    [InlineData("en-USA")]
    [InlineData("en-US\n")]
    public void Other_locales_are_refused(string locale) => Assert.False(ContactFormats.IsLocale(locale));

    [Theory]
    [InlineData("EN-us", "en-US")]
    [InlineData("zh-hant-tw", "zh-Hant-TW")]
    [InlineData("es-419", "es-419")]
    public void Locales_are_stored_in_conventional_case(string given, string stored) =>
        Assert.Equal(stored, ContactFormats.NormalizeLocale(given));

    [Theory]
    [InlineData("Jane Doe", true)]
    [InlineData("Zoë Ångström-Łukasz", true)]
    [InlineData("line\nbreak", false)]
    [InlineData("tab\there", false)]
    [InlineData("nul\0", false)]
    [InlineData("escape\u001b[31m", false)]
    public void Names_are_single_lines(string text, bool ok) => Assert.Equal(ok, ContactFormats.IsSingleLine(text));
}
