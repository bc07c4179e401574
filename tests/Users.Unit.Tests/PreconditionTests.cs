using DaprShop.Users.Apis;
using Microsoft.AspNetCore.Http;

namespace DaprShop.Users.UnitTests;

public sealed class PreconditionTests
{
    static HttpRequest With(params string[] ifMatch)
    {
        var http = new DefaultHttpContext();
        if (ifMatch.Length > 0) http.Request.Headers.IfMatch = ifMatch;
        return http.Request;
    }

    static int? StatusOf(HttpRequest request, long version) => Preconditions.CheckIfMatch(request, version, "thing")?.StatusCode;

    [Fact]
    public void No_If_Match_is_an_unconditional_write() => Assert.Null(StatusOf(With(), 42));

    [Theory]
    [InlineData("\"42\"")]
    [InlineData("*")]
    [InlineData("\"41\", \"42\"")]
    public void A_matching_tag_allows_the_write(string header) => Assert.Null(StatusOf(With(header), 42));

    [Theory]
    [InlineData("\"41\"")]
    [InlineData("W/\"42\"")]      // If-Match compares strongly: a weak tag never matches
    [InlineData("\"abc\"")]
    public void Another_version_is_a_failed_precondition(string header) => Assert.Equal(412, StatusOf(With(header), 42));

    [Theory]
    [InlineData("42")]            // not a quoted tag
    [InlineData("\"42")]
    public void A_header_that_is_not_entity_tags_is_a_bad_request(string header) => Assert.Equal(400, StatusOf(With(header), 42));
}
