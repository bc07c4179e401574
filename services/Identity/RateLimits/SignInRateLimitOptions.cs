namespace DaprShop.Identity.RateLimits;

/// <summary>Sign-in, token and sign-up attempts allowed per window (configuration section <c>Identity:RateLimits</c>).</summary>
internal sealed class SignInRateLimitOptions
{
    public const string Section = "Identity:RateLimits";

    /// <summary>Attempts from one client address (the connection's: behind the sidecar, the sidecar's).</summary>
    public int PerIp { get; set; } = 30;

    /// <summary>Attempts for one account (tenant + email) from anywhere.</summary>
    public int PerAccount { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
