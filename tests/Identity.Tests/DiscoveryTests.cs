using System.Text.Json;
using DaprShop.Identity.Tests.Support;

namespace DaprShop.Identity.Tests;

/// <summary>The discovery document names the configured issuer's endpoints, whatever Host header a caller sends (issue #7, defect 8).</summary>
public sealed class DiscoveryTests(IdentityService identity) : IClassFixture<IdentityService>
{
    [Theory]
    [InlineData("evil.example")]
    [InlineData("127.0.0.1:1")]
    public async Task Discovery_urls_come_from_the_configured_issuer_not_the_host_header(string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Host = host;

        using var response = await identity.Api.Http.SendAsync(request);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var root = doc.RootElement;
        Assert.Equal("http://identity/", root.GetProperty("issuer").GetString());
        foreach (var endpoint in new[] { "token_endpoint", "jwks_uri", "revocation_endpoint", "introspection_endpoint" })
            Assert.StartsWith("http://identity/", root.GetProperty(endpoint).GetString());
    }
}
