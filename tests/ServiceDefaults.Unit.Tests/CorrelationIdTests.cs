using DaprShop.ServiceDefaults.Correlation;
using Microsoft.AspNetCore.Http;

namespace DaprShop.ServiceDefaults.UnitTests;

public sealed class CorrelationIdTests
{
    static DefaultHttpContext Request(string? header)
    {
        var ctx = new DefaultHttpContext();
        if (header is not null) ctx.Request.Headers[CorrelationId.HeaderName] = header;
        return ctx;
    }

    [Fact]
    public void A_well_formed_incoming_id_is_kept_and_echoed()
    {
        var ctx = Request("order-7f3a:retry.2");

        var id = CorrelationId.Establish(ctx);

        Assert.Equal("order-7f3a:retry.2", id);
        Assert.Equal(id, ctx.Response.Headers[CorrelationId.HeaderName].ToString());
        Assert.Equal(id, CorrelationId.Of(ctx));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has spaces")]
    [InlineData("line\nbreak")]
    [InlineData("<script>")]
    public void A_missing_or_unsafe_id_is_replaced_with_a_new_one(string? header)
    {
        var id = CorrelationId.Establish(Request(header));

        Assert.Matches("^[0-9a-f]{32}$", id);
    }

    [Fact]
    public void An_overlong_id_is_replaced() =>
        Assert.NotEqual(new string('a', 129), CorrelationId.Establish(Request(new string('a', 129))));
}
