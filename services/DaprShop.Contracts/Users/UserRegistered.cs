namespace DaprShop.Contracts.Users;

/// <summary>A user account was created in a tenant (self sign-up or by an admin).</summary>
public sealed record UserRegistered(Guid UserId, string Email, IReadOnlyList<string> Roles) : IntegrationEvent;
