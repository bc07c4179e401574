using DaprShop.Identity.Apis.Requests;
using DaprShop.Identity.Domain;
using DaprShop.Identity.Validation;

namespace DaprShop.Identity.UnitTests;

public sealed class TenantSettingsTests
{
    private readonly TenantSettingsRequestValidator _validator = new();

    [Fact]
    public void Defaults_are_fifteen_minute_access_tokens_and_sign_up_off()
    {
        Assert.Equal(TimeSpan.FromMinutes(15), TenantSettings.Default.AccessTokenLifetime);
        Assert.False(TenantSettings.Default.SelfSignUpEnabled);
    }

    [Fact]
    public void Fields_a_client_leaves_out_keep_their_value()
    {
        var current = TenantSettings.Default with { LockoutThreshold = 7 };
        var updated = current.With(new TenantSettingsRequest(true, null, null, null, null));
        Assert.True(updated.SelfSignUpEnabled);
        Assert.Equal(7, updated.LockoutThreshold);
        Assert.Equal(current.AccessTokenMinutes, updated.AccessTokenMinutes);
    }

    [Theory]
    [InlineData(0, null, null, null, "AccessTokenMinutes")]
    [InlineData(61, null, null, null, "AccessTokenMinutes")]
    [InlineData(null, 0, null, null, "RefreshTokenDays")]
    [InlineData(null, null, 2, null, "LockoutThreshold")]
    [InlineData(null, null, null, 0, "LockoutMinutes")]
    public void Out_of_range_settings_are_refused(int? access, int? refresh, int? threshold, int? lockout, string field)
    {
        var result = _validator.Validate(new TenantSettingsRequest(null, access, refresh, threshold, lockout));
        Assert.Contains(result.Errors, e => e.PropertyName == field);
    }

    [Fact]
    public void An_empty_settings_request_is_valid() =>
        Assert.True(_validator.Validate(new TenantSettingsRequest(null, null, null, null, null)).IsValid);
}
