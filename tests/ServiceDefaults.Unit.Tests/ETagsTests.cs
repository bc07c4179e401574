using DaprShop.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;

namespace DaprShop.ServiceDefaults.Unit.Tests;

public sealed class ETagsTests
{
    static IfMatch Parse(string? header)
    {
        var context = new DefaultHttpContext();
        if (header is not null) context.Request.Headers.IfMatch = header;
        return ETags.IfMatchOf(context.Request);
    }

    [Fact]
    public void A_version_is_a_strong_quoted_tag() => Assert.Equal("\"42\"", ETags.Format(42));

    [Fact]
    public void No_header_is_missing_not_a_match() => Assert.Equal(IfMatchKind.Missing, Parse(null).Kind);

    [Theory]
    [InlineData("\"7\"", 7, true)]
    [InlineData("\"6\", \"7\"", 7, true)]
    [InlineData("\"6\"", 7, false)]
    [InlineData("W/\"7\"", 7, false)]
    [InlineData("\"not-ours\"", 7, false)]
    [InlineData("*", 7, true)]
    public void If_match_compares_strongly(string header, long version, bool matches) => Assert.Equal(matches, Parse(header).Matches(version));

    [Theory]
    [InlineData("7")]
    [InlineData("\"7")]
    [InlineData(",")]
    public void An_unreadable_header_is_invalid_and_matches_nothing(string header)
    {
        var ifMatch = Parse(header);
        Assert.Equal(IfMatchKind.Invalid, ifMatch.Kind);
        Assert.False(ifMatch.Matches(7));
    }
}
