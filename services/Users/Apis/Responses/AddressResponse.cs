using DaprShop.Users.Domain;

namespace DaprShop.Users.Apis.Responses;

internal sealed record AddressResponse(
    Guid Id,
    string Type,
    bool IsDefault,
    string RecipientName,
    string? Company,
    string Line1,
    string? Line2,
    string City,
    string? Region,
    string PostalCode,
    string Country,
    string? Phone,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static AddressResponse From(Address a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.Type.ToCode(), a.IsDefault, a.RecipientName, a.Company, a.Line1, a.Line2, a.City, a.Region,
            a.PostalCode, a.Country, a.Phone, a.CreatedAt, a.UpdatedAt);
    }
}
