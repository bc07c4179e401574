namespace DaprShop.Identity.Domain;

/// <summary>
/// When an account counts as locked, and for how long to tell a client to wait. Counting failures and setting the
/// lock is the database's (Users/PasswordSignIn.cs), so that concurrent failures cannot lose counts.
/// </summary>
internal static class LockoutPolicy
{
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
