namespace DaprShop.Identity.Apis.Requests;

/// <summary>Settings as a client sends them: every field optional, the defaults of <c>TenantSettings</c> fill the gaps.</summary>
internal sealed record TenantSettingsRequest(
    bool? SelfSignUpEnabled,
    int? AccessTokenMinutes,
    int? RefreshTokenDays,
    int? LockoutThreshold,
    int? LockoutMinutes);
