using System.Net;
using System.Security.Claims;
using DaprShop.Gateway.RateLimiting;
using DaprShop.Gateway.Routing;
using Microsoft.AspNetCore.Http;

namespace DaprShop.Gateway.UnitTests;

public sealed class RateLimitTargetsTests
{
    static readonly Guid Tenant = Guid.Parse("01930000-0000-7000-8000-000000000042");

    static DefaultHttpContext Request(string? sub, string? tid, string ip = "203.0.113.9")
    {
        var claims = new List<Claim>();
        if (sub is not null) claims.Add(new Claim("sub", sub));
        if (tid is not null) claims.Add(new Claim("tid", tid));
        var http = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, claims.Count > 0 ? "Bearer" : null)) };
        http.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        return http;
    }

    [Fact]
    public void An_authenticated_request_is_charged_to_its_user_then_its_tenant()
    {
        var user = Guid.CreateVersion7();

        var targets = RateLimitTargets.For(Request(user.ToString(), Tenant.ToString()), RouteAccess.Authenticated, new RateLimitOptions());

        Assert.Equal([("user", $"{Tenant}:{user}"), ("tenant", Tenant.ToString())], targets.Select(t => (t.Scope, t.Id)));
        Assert.Equal([120, 1000], targets.Select(t => t.Rule.Limit));
    }

    [Fact]
    public void An_anonymous_route_is_charged_to_the_address_even_with_a_token()
    {
        var targets = RateLimitTargets.For(Request(Guid.CreateVersion7().ToString(), Tenant.ToString()), RouteAccess.Anonymous, new RateLimitOptions());

        Assert.Equal([("ip", "203.0.113.9")], targets.Select(t => (t.Scope, t.Id)));
        Assert.Equal(30, targets[0].Rule.Limit);
    }

    [Fact]
    public void A_token_without_a_tenant_is_charged_to_the_user_alone()
    {
        var targets = RateLimitTargets.For(Request("someone", null), RouteAccess.Authenticated, new RateLimitOptions());

        Assert.Equal([("user", "-:someone")], targets.Select(t => (t.Scope, t.Id)));
    }

    [Fact]
    public void A_subject_cannot_forge_another_key()
    {
        var targets = RateLimitTargets.For(Request("a:b||c/d", Tenant.ToString()), RouteAccess.Authenticated, new RateLimitOptions());

        Assert.Equal($"{Tenant}:a%3Ab%7C%7Cc%2Fd", targets[0].Id);
    }

    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void Addresses_are_keyed_by_host_or_by_IPv6_slash_64(string address, string key)
    {
        Assert.Equal(key, RateLimitTargets.AddressKey(IPAddress.Parse(address)));
    }

    [Fact]
    public void Keys_carry_scope_id_window_length_and_window_number_and_outlive_the_next_window()
    {
        var target = new RateLimitTarget("user", "t:u", new RateLimitRule { Limit = 5, Window = TimeSpan.FromMinutes(1) });

        Assert.Equal("ratelimit:user:t:u:60:29000000", target.Key(29_000_000));
        Assert.Equal("121", target.TimeToLiveSeconds);
    }
}
