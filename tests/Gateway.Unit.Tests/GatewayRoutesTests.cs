using DaprShop.Gateway.Routing;

namespace DaprShop.Gateway.UnitTests;

public sealed class GatewayRoutesTests
{
    static GatewayOptions Options(params string[] services)
    {
        var o = new GatewayOptions();
        o.Services.AddRange(services);
        return o;
    }

    [Fact]
    public void Each_service_gets_a_catch_all_route_that_needs_a_token()
    {
        var routes = GatewayRoutes.Build(Options("identity", "users", "catalog"));

        Assert.Equal(["identity", "users", "catalog"], routes.Select(r => r.RouteId));
        var catalog = routes.Single(r => r.RouteId == "catalog");
        Assert.Equal("/api/v1/catalog/{**rest}", catalog.Match.Path);
        Assert.Equal("default", catalog.AuthorizationPolicy);
        Assert.Equal(GatewayRoutes.SidecarCluster, catalog.ClusterId);
        Assert.Equal("catalog", catalog.Metadata![GatewayRoutes.ServiceKey]);
        Assert.Equal(nameof(RouteAccess.Authenticated), catalog.Metadata[GatewayRoutes.AccessKey]);
    }

    [Fact]
    public void An_anonymous_route_is_exact_anonymous_and_wins_over_the_catch_all()
    {
        var options = Options("identity");
        options.AnonymousRoutes.Add("/api/v1/identity/auth/login");

        var routes = GatewayRoutes.Build(options);

        var login = routes.Single(r => r.Match.Path == "/api/v1/identity/auth/login");
        Assert.Equal("anonymous", login.AuthorizationPolicy);
        Assert.Equal("identity", login.Metadata![GatewayRoutes.ServiceKey]);
        Assert.Equal(GatewayRoutes.ServiceRouteKind, login.Metadata[GatewayRoutes.KindKey]);
        Assert.Equal(nameof(RouteAccess.Anonymous), login.Metadata[GatewayRoutes.AccessKey]);
        Assert.True(login.Order < routes.Single(r => r.RouteId == "identity").Order);
    }

    [Fact]
    public void A_public_route_goes_to_its_service_as_it_is()
    {
        var options = Options("identity");
        options.PublicRoutes.Add(new PublicRoute { Path = "/.well-known/jwks", Service = "identity" });

        var jwks = GatewayRoutes.Build(options).Single(r => r.Match.Path == "/.well-known/jwks");

        Assert.Equal("anonymous", jwks.AuthorizationPolicy);
        Assert.Equal(GatewayRoutes.PublicRouteKind, jwks.Metadata![GatewayRoutes.KindKey]);
    }

    [Fact]
    public void The_shipped_settings_are_valid()
    {
        var o = Settings.Gateway();

        Assert.Empty(GatewayRoutes.Validate(o));
        Assert.Contains("identity", o.Services);
    }

    [Theory]
    [InlineData("Catalog", "not a Dapr app id")]
    [InlineData("cat_alog", "not a Dapr app id")]
    [InlineData("-catalog", "not a Dapr app id")]
    [InlineData("", "not a Dapr app id")]
    public void A_service_name_must_be_an_app_id(string service, string error)
    {
        Assert.Contains(GatewayRoutes.Validate(Options(service)), e => e.Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_is_named_at_once()
    {
        var o = Options("catalog", "catalog");
        o.AnonymousRoutes.Add("/api/v1/payment/webhook");
        o.AnonymousRoutes.Add("/api/v1/catalog/{id}");
        o.AnonymousRoutes.Add("/api/v1/catalog");
        o.PublicRoutes.Add(new PublicRoute { Path = "/.well-known/jwks", Service = "identity" });
        o.PublicRoutes.Add(new PublicRoute { Path = "/api/v1/catalog/x", Service = "catalog" });
        o.ProxyTimeout = TimeSpan.Zero;
        o.UnavailableRetryAfterSeconds = 0;

        var errors = GatewayRoutes.Validate(o);

        Assert.Contains(errors, e => e.Contains("listed twice", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'/api/v1/payment/webhook' is not under", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'/api/v1/catalog/{id}' must be a plain path", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'/api/v1/catalog' is not under", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("names 'identity', which is not a listed service", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'/api/v1/catalog/x' must be a plain path outside", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("ProxyTimeout", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("UnavailableRetryAfterSeconds", StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(() => GatewayRoutes.Build(o));
    }

    [Fact]
    public void No_service_is_a_configuration_error()
    {
        Assert.Contains(GatewayRoutes.Validate(new GatewayOptions()), e => e.Contains("lists no service", StringComparison.Ordinal));
    }
}
