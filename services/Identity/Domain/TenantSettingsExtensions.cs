using DaprShop.Identity.Apis.Requests;

namespace DaprShop.Identity.Domain;

internal static class TenantSettingsExtensions
{
    /// <summary>Applies the fields a client sent over <paramref name="current"/>; absent fields keep their value.</summary>
    public static TenantSettings With(this TenantSettings current, TenantSettingsRequest? request) => request is null
        ? current
        : new TenantSettings
        {
            SelfSignUpEnabled = request.SelfSignUpEnabled ?? current.SelfSignUpEnabled,
            AccessTokenMinutes = request.AccessTokenMinutes ?? current.AccessTokenMinutes,
            RefreshTokenDays = request.RefreshTokenDays ?? current.RefreshTokenDays,
            LockoutThreshold = request.LockoutThreshold ?? current.LockoutThreshold,
            LockoutMinutes = request.LockoutMinutes ?? current.LockoutMinutes,
        };
}
