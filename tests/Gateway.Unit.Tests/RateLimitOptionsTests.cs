using DaprShop.Gateway.RateLimiting;

namespace DaprShop.Gateway.UnitTests;

public sealed class RateLimitOptionsTests
{
    static readonly Guid Acme = Guid.Parse("01930000-0000-7000-8000-00000000ac0e");

    [Fact]
    public void The_shipped_settings_are_valid_and_limit_every_scope()
    {
        var o = Settings.RateLimits();

        Assert.Empty(o.Validate());
        Assert.True(o.Enabled);
        Assert.Equal("statestore", o.StateStore);
        var (tenant, user) = o.For(Guid.CreateVersion7());
        Assert.Equal((1000, TimeSpan.FromMinutes(1)), (tenant.Limit, tenant.Window));
        Assert.Equal((120, TimeSpan.FromMinutes(1)), (user.Limit, user.Window));
        Assert.Equal((30, TimeSpan.FromMinutes(1)), (o.Anonymous.Limit, o.Anonymous.Window));
    }

    [Fact]
    public void A_tenant_override_replaces_only_the_scopes_it_names()
    {
        var o = Settings.RateLimits(new Dictionary<string, string?>
        {
            [$"Gateway:RateLimits:Tenants:{Acme}:User:Limit"] = "10",
            [$"Gateway:RateLimits:Tenants:{Acme}:User:Window"] = "00:00:10",
        });

        var (tenant, user) = o.For(Acme);
        Assert.Equal((10, TimeSpan.FromSeconds(10)), (user.Limit, user.Window));
        Assert.Equal(1000, tenant.Limit);
        Assert.Equal(120, o.For(Guid.CreateVersion7()).User.Limit);
        Assert.Equal(120, o.For(null).User.Limit);
        Assert.Empty(o.Validate());
    }

    [Fact]
    public void A_tenant_id_written_in_another_form_is_still_that_tenant()
    {
        var o = Settings.RateLimits(new Dictionary<string, string?>
        {
            [$"Gateway:RateLimits:Tenants:{Acme.ToString("N").ToUpperInvariant()}:Tenant:Limit"] = "50",
            [$"Gateway:RateLimits:Tenants:{Acme.ToString("N").ToUpperInvariant()}:Tenant:Window"] = "00:01:00",
        });

        Assert.Equal(50, o.For(Acme).Tenant.Limit);
    }

    [Fact]
    public void Defaults_can_be_tuned_one_value_at_a_time()
    {
        var o = Settings.RateLimits(new Dictionary<string, string?> { ["Gateway:RateLimits:Default:User:Limit"] = "7" });

        Assert.Equal((7, TimeSpan.FromMinutes(1)), (o.For(null).User.Limit, o.For(null).User.Window));
    }

    [Theory]
    [InlineData("Gateway:RateLimits:Default:User:Limit", "0", "Default:User: Limit must be between 1")]
    [InlineData("Gateway:RateLimits:Default:User:Limit", "10000001", "Default:User: Limit must be between 1")]
    [InlineData("Gateway:RateLimits:Default:Tenant:Window", "00:00:00.500", "Default:Tenant: Window must be between")]
    [InlineData("Gateway:RateLimits:Default:Tenant:Window", "2.00:00:00", "Default:Tenant: Window must be between")]
    [InlineData("Gateway:RateLimits:Default:Anonymous:Window", "00:00:01.500", "Default:Anonymous: Window must be whole seconds")]
    [InlineData("Gateway:RateLimits:StateStore", " ", "StateStore is empty")]
    [InlineData("Gateway:RateLimits:MaxAttempts", "0", "MaxAttempts must be between")]
    [InlineData("Gateway:RateLimits:Tenants:acme:User:Limit", "5", "Tenants:acme is not a tenant id")]
    public void A_bad_setting_is_refused_with_its_name(string key, string value, string error)
    {
        var o = Settings.RateLimits(new Dictionary<string, string?> { [key] = value });

        Assert.Contains(o.Validate(), e => e.StartsWith(error, StringComparison.Ordinal));
        Assert.True(new RateLimitOptionsValidator().Validate(null, o).Failed);
    }

    [Fact]
    public void A_tenant_override_cannot_set_the_anonymous_limit()
    {
        var o = Settings.RateLimits(new Dictionary<string, string?>
        {
            [$"Gateway:RateLimits:Tenants:{Acme}:Anonymous:Limit"] = "5",
            [$"Gateway:RateLimits:Tenants:{Acme}:Anonymous:Window"] = "00:01:00",
        });

        Assert.Contains(o.Validate(), e => e.Contains("anonymous requests have no tenant", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tenant_override_rule_is_validated_too()
    {
        var o = Settings.RateLimits(new Dictionary<string, string?> { [$"Gateway:RateLimits:Tenants:{Acme}:User:Limit"] = "5" });

        Assert.Contains(o.Validate(), e => e == $"Tenants:{Acme}:User: Window must be between 00:00:01 and 1.00:00:00");
    }
}
