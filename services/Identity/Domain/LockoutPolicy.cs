namespace DaprShop.Identity.Domain;

/// <summary>
/// The lockout decision, kept pure so it can be tested without a database: after a failed sign-in with
/// <paramref name="failedCount"/> failures in a row, does the account lock, and until when?
/// </summary>
internal static class LockoutPolicy
{
    public static DateTimeOffset? LockUntilAfterFailure(int failedCount, TenantSettings settings, DateTimeOffset now) =>
        failedCount >= settings.LockoutThreshold ? now + settings.LockoutDuration : null;

    public static bool IsLockedOut(bool lockoutEnabled, DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        lockoutEnabled && lockoutEnd is { } end && end > now;

    /// <summary>An admin lock has no end; it is stored as <see cref="DateTimeOffset.MaxValue"/>.</summary>
    public static readonly DateTimeOffset Indefinitely = DateTimeOffset.MaxValue;

    /// <summary>
    /// Whole seconds for <c>Retry-After</c>, never less than one; null for an admin lock, where waiting does not help.
    /// </summary>
    public static int? RetryAfterSeconds(DateTimeOffset lockoutEnd, DateTimeOffset now)
    {
        if (lockoutEnd >= Indefinitely.AddYears(-1))
        {
            return null;
        }

        return (int)Math.Clamp(Math.Ceiling((lockoutEnd - now).TotalSeconds), 1, int.MaxValue);
    }
}
