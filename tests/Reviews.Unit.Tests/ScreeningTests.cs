using DaprShop.Reviews.Domain;

namespace DaprShop.Reviews.UnitTests;

public sealed class ScreeningTests
{
    static Screening Screen(string text, string title = "A title", IReadOnlyList<string>? words = null, int min = 20) =>
        ReviewScreening.Screen(new ReviewContent(4, title, text), words ?? ReviewScreening.DefaultBlockedWords, min);

    [Fact]
    public void A_plain_helpful_text_passes() => Assert.True(Screen("Sturdy, quiet and the battery lasts a week.").Passed);

    [Theory]
    [InlineData("Great, more at http://example.test/x and so on")]
    [InlineData("Great, more at HTTPS://EXAMPLE.TEST and so on")]
    [InlineData("Great, more at www.example.test and so on")]
    [InlineData("Great, buy it cheaper at bestdeals.com today")]
    [InlineData("Great, buy it cheaper at best-deals.shop today")]
    public void Links_are_flagged(string text) => Assert.Equal([ScreeningFlags.Link], Screen(text).Flags);

    [Fact]
    public void A_link_in_the_title_is_flagged_too() => Assert.Contains(ScreeningFlags.Link, Screen("A long enough text for the rule.", "see spam.ru").Flags);

    [Theory]
    [InlineData("The seller is a SCAM, avoid them please.")]
    [InlineData("The seller is a scam!!! avoid them please.")]
    public void Blocked_words_match_whole_words_whatever_the_case(string text) =>
        Assert.Equal([ScreeningFlags.BlockedWord], Screen(text).Flags);

    [Fact]
    public void A_blocked_word_inside_another_word_is_not_flagged() => Assert.True(Screen("Lovely scampi recipe book, well bound.").Passed);

    [Fact]
    public void A_blocked_phrase_matches_across_punctuation() =>
        Assert.Contains(ScreeningFlags.BlockedWord, Screen("Not at all like the rival-brand one, truly.", words: ["rival brand"]).Flags);

    [Fact]
    public void An_empty_list_blocks_nothing() => Assert.True(Screen("The seller is a scam, avoid them please.", words: []).Passed);

    [Theory]
    [InlineData("Good.")]
    [InlineData("   Good product.        ")]
    public void Short_texts_are_flagged(string text) => Assert.Equal([ScreeningFlags.TooShort], Screen(text).Flags);

    [Fact]
    public void Every_finding_is_listed() =>
        Assert.Equal([ScreeningFlags.Link, ScreeningFlags.BlockedWord, ScreeningFlags.TooShort], Screen("scam x.com").Flags);

    [Theory]
    [InlineData("Hello, WORLD!", "hello world")]
    [InlineData("  --a--b--  ", "a b")]
    [InlineData("!!!", "")]
    public void Normalize_lowers_and_collapses_separators(string input, string expected) =>
        Assert.Equal(expected, ReviewScreening.Normalize(input));
}
