using DaprShop.Users.Caching;
using DaprShop.Users.Domain;

namespace DaprShop.Users.Apis.Responses;

/// <summary>A profile as the owner and staff see it. <c>locked</c> is identity's lock as last reported by its events.</summary>
internal sealed record ProfileResponse(
    Guid UserId,
    Guid TenantId,
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
    DateTimeOffset UpdatedAt)
{
    public static ProfileResponse From(CachedProfile p, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(p);
        var locked = Profile.IsLockedAt(p.Locked, p.LockedUntil, now);
        return new(p.UserId, p.TenantId, p.Email, p.DisplayName, p.FirstName, p.LastName, p.Phone, p.Locale, p.MarketingOptIn,
            p.Roles, locked, locked ? p.LockedUntil : null, p.CreatedAt, p.UpdatedAt);
    }

    public static ProfileResponse From(Profile p, DateTimeOffset now) => From(CachedProfile.From(p), now);
}
