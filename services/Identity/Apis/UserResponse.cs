namespace DaprShop.Identity.Apis;

internal sealed record UserResponse(
    Guid Id,
    Guid TenantId,
    string Email,
    IReadOnlyList<string> Roles,
    bool Locked,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt);
