namespace DaprShop.Users.Apis.Requests;

/// <summary>
/// <c>?addressId=&amp;type=</c> of the internal validation route: the address to check (default: the user's default
/// address of <c>type</c>) and the use it must fit (<c>SHIPPING</c> unless given).
/// </summary>
internal sealed record UserValidationQuery(Guid? AddressId, string? Type);
