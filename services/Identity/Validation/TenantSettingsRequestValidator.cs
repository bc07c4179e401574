using DaprShop.Identity.Apis.Requests;
using DaprShop.Identity.Domain;
using FluentValidation;

namespace DaprShop.Identity.Validation;

internal sealed class TenantSettingsRequestValidator : AbstractValidator<TenantSettingsRequest>
{
    public TenantSettingsRequestValidator()
    {
        RuleFor(s => s.AccessTokenMinutes).InclusiveBetween(TenantSettings.MinAccessTokenMinutes, TenantSettings.MaxAccessTokenMinutes);
        RuleFor(s => s.RefreshTokenDays).InclusiveBetween(TenantSettings.MinRefreshTokenDays, TenantSettings.MaxRefreshTokenDays);
        RuleFor(s => s.LockoutThreshold).InclusiveBetween(TenantSettings.MinLockoutThreshold, TenantSettings.MaxLockoutThreshold);
        RuleFor(s => s.LockoutMinutes).InclusiveBetween(TenantSettings.MinLockoutMinutes, TenantSettings.MaxLockoutMinutes);
    }
}
