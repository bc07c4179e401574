namespace DaprShop.Identity.Tests.Support;

/// <summary>A tenant for one test: unique name and admin, settings only where the test cares.</summary>
public sealed class TenantBuilder
{
    bool? _selfSignUp;
    int? _lockoutThreshold;
    int? _lockoutMinutes;
    int? _accessTokenMinutes;
    int? _refreshTokenDays;

    public string Name { get; } = "tenant-" + Guid.NewGuid().ToString("N")[..12];
    public string AdminEmail { get; } = Emails.Unique("admin");
    public string AdminPassword { get; } = DaprShop.Testing.Dapr.TestSecrets.Password();

    public static TenantBuilder ATenant() => new();

    public TenantBuilder WithSelfSignUp(bool enabled = true) { _selfSignUp = enabled; return this; }

    public TenantBuilder WithLockout(int threshold, int minutes) { _lockoutThreshold = threshold; _lockoutMinutes = minutes; return this; }

    public TenantBuilder WithAccessTokenMinutes(int minutes) { _accessTokenMinutes = minutes; return this; }

    public TenantBuilder WithRefreshTokenDays(int days) { _refreshTokenDays = days; return this; }

    internal object Request() => new
    {
        name = Name,
        settings = new
        {
            selfSignUpEnabled = _selfSignUp,
            lockoutThreshold = _lockoutThreshold,
            lockoutMinutes = _lockoutMinutes,
            accessTokenMinutes = _accessTokenMinutes,
            refreshTokenDays = _refreshTokenDays,
        },
        admin = new { email = AdminEmail, password = AdminPassword },
    };
}

public static class Emails
{
    public static string Unique(string who = "user") => $"{who}-{Guid.NewGuid():N}@example.test";
}
