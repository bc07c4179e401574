namespace DaprShop.Users.Apis.Requests;

/// <summary>
/// The body of <c>POST</c> and <c>PUT /api/v1/profiles/me/addresses[/{id}]</c> (PUT replaces the whole address).
/// <c>isDefault: true</c> makes it the default of its type (clearing the old default in the same transaction);
/// left out, the address is the default only if it is the first of its type.
/// </summary>
internal sealed record AddressRequest(
    string? Type,
    string? RecipientName,
    string? Company,
    string? Line1,
    string? Line2,
    string? City,
    string? Region,
    string? PostalCode,
    string? Country,
    string? Phone,
    bool? IsDefault);
