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
    public void An_exponential_retry_grows_by_dapr_kits_default_multiplier_from_its_initial_interval_up_to_its_max_interval()
    {
        var p = new RetryPolicy("e", Exponential: true, TimeSpan.Zero, TimeSpan.FromSeconds(2), MaxRetries: -1);

        Assert.Equal([500, 750, 1125, 1687.5, 2000, 2000], Enumerable.Range(1, 6).Select(i => p.DelayBefore(i).TotalMilliseconds));
        Assert.True(p.AllowsRetry(10_000));
    }

    [Fact]
    public void An_exponential_retry_stops_once_its_next_delay_would_pass_max_elapsed_time()
    {
        var p = new RetryPolicy("e", Exponential: true, TimeSpan.Zero, TimeSpan.FromSeconds(10), MaxRetries: -1)
        {
            InitialInterval = TimeSpan.FromSeconds(1),
            Multiplier = 2,
            MaxElapsedTime = TimeSpan.FromSeconds(10),
        };

        Assert.True(p.AllowsRetry(2, elapsed: TimeSpan.FromSeconds(6)));  // next delay 4 s: ends at 10 s
        Assert.False(p.AllowsRetry(2, elapsed: TimeSpan.FromSeconds(7))); // would end at 11 s
    }

    [Fact]
    public void Unset_retry_fields_take_dapr_kits_defaults()
    {
        var dir = Directory.CreateTempSubdirectory("retry-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "r.yaml"), """
                apiVersion: dapr.io/v1alpha1
                kind: Resiliency
                metadata:
                  name: r
                spec:
                  policies:
                    retries:
                      plain: {}
                      grows:
                        policy: exponential
                        initialInterval: 100ms
                        multiplier: 3
                """);
            var retries = ResourceLoader.Load([dir]).Resiliency.Retries;

            Assert.Equal((false, TimeSpan.FromSeconds(5), -1), (retries["plain"].Exponential, retries["plain"].DelayBefore(1), retries["plain"].MaxRetries));
            Assert.Equal([100, 300, 900], new[] { 1, 2, 3 }.Select(i => retries["grows"].DelayBefore(i).TotalMilliseconds));
            Assert.Equal((TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(15)), (retries["grows"].MaxInterval, retries["grows"].MaxElapsedTime));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
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
