namespace DaprShop.Contracts.Users;

/// <summary>A user was locked (by an admin or by repeated failed sign-ins) or unlocked.</summary>
public sealed record UserLockChanged(Guid UserId, bool Locked, DateTimeOffset? LockedUntil) : IntegrationEvent;
