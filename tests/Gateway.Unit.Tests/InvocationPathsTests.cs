using DaprShop.Gateway.Routing;
using Microsoft.AspNetCore.Http;

namespace DaprShop.Gateway.UnitTests;

public sealed class InvocationPathsTests
{
    [Theory]
    [InlineData("catalog", "/api/v1/catalog/products", "/v1.0/invoke/catalog/method/api/v1/products")]
    [InlineData("identity", "/api/v1/identity/auth/login", "/v1.0/invoke/identity/method/api/v1/auth/login")]
    [InlineData("catalog", "/api/v1/catalog/products/42/reviews", "/v1.0/invoke/catalog/method/api/v1/products/42/reviews")]
    [InlineData("catalog", "/api/v1/catalog", "/v1.0/invoke/catalog/method/api/v1")]
    [InlineData("catalog", "/API/V1/CATALOG/Products", "/v1.0/invoke/catalog/method/api/v1/Products")]
    public void A_service_path_maps_to_the_services_api_path_on_the_invoke_API(string service, string gatewayPath, string sidecarPath)
    {
        Assert.True(InvocationPaths.TryMapServicePath(service, new PathString(gatewayPath), out var mapped));
        Assert.Equal(sidecarPath, mapped.Value);
    }

    [Theory]
    [InlineData("catalog", "/api/v1/catalogue/products")]
    [InlineData("catalog", "/api/v1/identity/auth/login")]
    [InlineData("catalog", "/api/v2/catalog/products")]
    [InlineData("catalog", "/catalog/products")]
    public void A_path_outside_the_services_prefix_does_not_map(string service, string gatewayPath)
    {
        Assert.False(InvocationPaths.TryMapServicePath(service, new PathString(gatewayPath), out _));
    }

    [Fact]
    public void An_encoded_slash_stays_inside_its_segment()
    {
        Assert.True(InvocationPaths.TryMapServicePath("catalog", PathString.FromUriComponent("/api/v1/catalog/a%2F..%2Fb"), out var mapped));

        Assert.Equal("/v1.0/invoke/catalog/method/api/v1/a%2F..%2Fb", mapped.ToUriComponent());
    }

    [Fact]
    public void A_public_path_is_invoked_as_it_is()
    {
        Assert.Equal("/v1.0/invoke/identity/method/.well-known/jwks", InvocationPaths.Invoke("identity", "/.well-known/jwks").Value);
    }

    [Theory]
    [InlineData("/api/v1/products/42", "/api/v1/catalog/products/42")]
    [InlineData("/api/v1/products/42?x=1", "/api/v1/catalog/products/42?x=1")]
    [InlineData("http://catalog/api/v1/products/42", "http://catalog/api/v1/products/42")]
    [InlineData("/internal/v1/x", "/internal/v1/x")]
    [InlineData("products/42", "products/42")]
    public void A_services_Location_is_given_the_gateways_form(string location, string expected)
    {
        Assert.Equal(expected, InvocationPaths.GatewayLocation("catalog", location));
    }
}
