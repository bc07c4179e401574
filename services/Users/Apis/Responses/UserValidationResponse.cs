namespace DaprShop.Users.Apis.Responses;

/// <summary>What ordering learns when it checks a buyer: the user exists in the tenant, is not locked, and this address.</summary>
internal sealed record UserValidationResponse(Guid UserId, Guid TenantId, string Email, string? DisplayName, AddressResponse Address);
