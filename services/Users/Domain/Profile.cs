using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Users.Domain;

/// <summary>
/// A user's profile in one tenant. Created from identity's <c>UserRegistered</c> (email and roles stay identity's:
/// they change only through its events); the customer edits the personal fields.
/// </summary>
internal sealed class Profile : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public string Email { get; set; } = "";
    /// <summary>Lower-case email, for the staff search by email.</summary>
    public string NormalizedEmail { get; set; } = "";

    public string? DisplayName { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    /// <summary>E.164, e.g. <c>+14155552671</c>.</summary>
    public string? Phone { get; set; }
    /// <summary>BCP 47 language tag, e.g. <c>en-US</c>.</summary>
    public string? Locale { get; set; }
    public bool MarketingOptIn { get; set; }

    /// <summary>Identity's roles, kept for staff views; as of <see cref="RolesChangedAt"/>.</summary>
    public List<string> Roles { get; set; } = [];
    public DateTimeOffset RolesChangedAt { get; set; }

    /// <summary>Identity's lock, kept so ordering can refuse a locked user; as of <see cref="LockChangedAt"/>.</summary>
    public bool Locked { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? LockChangedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's <c>xmin</c>: changes with every write of the row; the ETag.</summary>
    public uint Version { get; set; }

    /// <summary>A lock with an end (after failed sign-ins) is over once that end has passed, without another event.</summary>
    public static bool IsLockedAt(bool locked, DateTimeOffset? lockedUntil, DateTimeOffset now) =>
        locked && (lockedUntil is null || lockedUntil > now);

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
