using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.UnitTests;

public sealed class PolicyTests
{
    [Fact]
    public void A_constant_retry_waits_the_same_every_time_and_stops_at_max_retries()
    {
        var p = new RetryPolicy("c", Exponential: false, TimeSpan.FromMilliseconds(200), TimeSpan.Zero, MaxRetries: 2);

        Assert.Equal([200, 200], new[] { 1, 2 }.Select(i => p.DelayBefore(i).TotalMilliseconds));
        Assert.True(p.AllowsRetry(1));
        Assert.False(p.AllowsRetry(2));
    }

    [Fact]
    public void An_exponential_retry_doubles_up_to_its_max_interval()
    {
        var p = new RetryPolicy("e", Exponential: true, TimeSpan.Zero, TimeSpan.FromSeconds(3), MaxRetries: -1);

        Assert.Equal([500, 1000, 2000, 3000, 3000], Enumerable.Range(1, 5).Select(i => p.DelayBefore(i).TotalMilliseconds));
        Assert.True(p.AllowsRetry(10_000));
    }

    [Theory]
    [InlineData("/orders", "/orders", true)]
    [InlineData("/orders", "/orders/1", false)]
    [InlineData("/orders/*", "/orders/1", true)]
    [InlineData("/orders/*", "/orders/1/lines", false)]
    [InlineData("/orders/**", "/orders/1/lines", true)]
    [InlineData("orders/**", "/orders/1", true)]
    public void Access_control_operation_names_match_like_dapr(string pattern, string path, bool matches) =>
        Assert.Equal(matches, AccessOperation.Matches(pattern, path));

    [Fact]
    public void An_access_policy_without_an_entry_for_the_caller_applies_the_default()
    {
        var acl = new AccessControlSpec(DefaultAllow: false,
            [new AccessPolicy("gateway", DefaultAllow: false, [new AccessOperation("/api/**", ["GET"], Allow: true)])]);

        Assert.True(acl.Permits("gateway", "GET", "/api/v1/orders"));
        Assert.False(acl.Permits("gateway", "DELETE", "/api/v1/orders"));
        Assert.False(acl.Permits("cart", "GET", "/api/v1/orders"));
    }

    [Fact]
    public void A_secret_scope_prefers_its_allow_list_over_the_default()
    {
        var allowList = new SecretScope("s", DefaultAllow: true, Allowed: ["a"], Denied: []);
        var denyList = new SecretScope("s", DefaultAllow: true, Allowed: [], Denied: ["b"]);

        Assert.Equal((true, false), (allowList.Permits("a"), allowList.Permits("b")));
        Assert.Equal((true, false), (denyList.Permits("a"), denyList.Permits("b")));
    }
}
