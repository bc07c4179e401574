namespace DaprShop.Contracts.Users;

/// <summary>An admin replaced a user's roles.</summary>
public sealed record UserRolesChanged(Guid UserId, IReadOnlyList<string> Roles) : IntegrationEvent;
