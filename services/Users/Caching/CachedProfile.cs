using DaprShop.Users.Domain;

namespace DaprShop.Users.Caching;

/// <summary>What the profile cache holds: the row as read, with its version (the ETag), not a rendered response.</summary>
internal sealed record CachedProfile(
    Guid TenantId,
    Guid UserId,
    string Email,
    string? DisplayName,
    string? FirstName,
    string? LastName,
    string? Phone,
    string? Locale,
    bool MarketingOptIn,
    IReadOnlyList<string> Roles,
    bool Locked,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version)
{
    public static CachedProfile From(Profile p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.TenantId, p.UserId, p.Email, p.DisplayName, p.FirstName, p.LastName, p.Phone, p.Locale, p.MarketingOptIn,
            [.. p.Roles], p.Locked, p.LockedUntil, p.CreatedAt, p.UpdatedAt, p.Version);
    }
}
