using System.Text.Json.Serialization;

namespace DaprShop.Identity.Domain;

/// <summary>Per-tenant policy: who may sign up, how long tokens live, when repeated failures lock an account.</summary>
internal sealed record TenantSettings
{
    public const int MinAccessTokenMinutes = 1;
    public const int MaxAccessTokenMinutes = 60;
    public const int MinRefreshTokenDays = 1;
    public const int MaxRefreshTokenDays = 90;
    public const int MinLockoutThreshold = 3;
    public const int MaxLockoutThreshold = 20;
    public const int MinLockoutMinutes = 1;
    public const int MaxLockoutMinutes = 24 * 60;

    public static TenantSettings Default { get; } = new();

    public bool SelfSignUpEnabled { get; init; }
    public int AccessTokenMinutes { get; init; } = 15;
    public int RefreshTokenDays { get; init; } = 14;
    public int LockoutThreshold { get; init; } = 5;
    public int LockoutMinutes { get; init; } = 5;

    [JsonIgnore]
    public TimeSpan AccessTokenLifetime => TimeSpan.FromMinutes(AccessTokenMinutes);
    [JsonIgnore]
    public TimeSpan RefreshTokenLifetime => TimeSpan.FromDays(RefreshTokenDays);
    [JsonIgnore]
    public TimeSpan LockoutDuration => TimeSpan.FromMinutes(LockoutMinutes);
}
