using DaprShop.Catalog.Domain;

namespace DaprShop.Catalog.UnitTests;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Wireless Headphones", "wireless-headphones")]
    [InlineData("  Café Crème – 2 Pack!  ", "cafe-creme-2-pack")]
    [InlineData("Straße & Söhne", "strasse-and-sohne")]
    [InlineData("ÆON Øre Łódź", "aeon-ore-lodz")]
    [InlineData("USB-C -- Cable__3m", "usb-c-cable-3m")]
    [InlineData("4K/UHD Monitor 27\"", "4k-uhd-monitor-27")]
    public void A_name_becomes_lower_case_ascii_words_joined_by_hyphens(string name, string slug) =>
        Assert.Equal(slug, Slugs.FromName(name));

    [Theory]
    [InlineData("!!!")]
    [InlineData("")]
    [InlineData("日本語")]
    public void A_name_without_a_letter_or_digit_a_url_can_carry_has_no_slug(string name) => Assert.Equal("", Slugs.FromName(name));

    [Fact]
    public void A_long_name_is_cut_at_a_word_boundary_within_the_limit()
    {
        var slug = Slugs.FromName(string.Join(' ', Enumerable.Repeat("headphones", 30)));

        Assert.True(slug.Length <= Slugs.MaxLength);
        Assert.True(Slugs.IsValid(slug));
        Assert.EndsWith("headphones", slug);
    }

    [Fact]
    public void A_suffix_is_kept_whole_and_the_slug_shortened_to_make_room()
    {
        var longSlug = Slugs.FromName(string.Join(' ', Enumerable.Repeat("speaker", 40)));

        var withSku = Slugs.WithSuffix(longSlug, "ele-0000042");

        Assert.EndsWith("-ele-0000042", withSku);
        Assert.True(withSku.Length <= Slugs.MaxLength);
        Assert.True(Slugs.IsValid(withSku));
        Assert.Equal("tent-ten-1", Slugs.WithSuffix("tent", "ten-1"));
    }

    [Theory]
    [InlineData("wireless-headphones", true)]
    [InlineData("a", true)]
    [InlineData("x1-2", true)]
    [InlineData("-lead", false)]
    [InlineData("trail-", false)]
    [InlineData("dou--ble", false)]
    [InlineData("Upper", false)]
    [InlineData("spa ce", false)]
    [InlineData("nul\0", false)]
    [InlineData("", false)]
    public void Valid_slugs_are_lower_case_letters_and_digits_in_hyphenated_runs(string slug, bool valid) =>
        Assert.Equal(valid, Slugs.IsValid(slug));
}
