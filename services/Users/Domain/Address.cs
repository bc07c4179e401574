using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Users.Domain;

/// <summary>A postal address of a user, of one <see cref="AddressType"/>; at most one default per type and user.</summary>
internal sealed class Address : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public AddressType Type { get; set; }
    public bool IsDefault { get; set; }

    public string RecipientName { get; set; } = "";
    public string? Company { get; set; }
    public string Line1 { get; set; } = "";
    public string? Line2 { get; set; }
    public string City { get; set; } = "";
    /// <summary>State, province, county or prefecture, where the country uses one.</summary>
    public string? Region { get; set; }
    /// <summary>Canonical form for the country (<see cref="PostalCodes.Normalize"/>).</summary>
    public string PostalCode { get; set; } = "";
    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string Country { get; set; } = "";
    public string? Phone { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's <c>xmin</c>: the ETag.</summary>
    public uint Version { get; set; }
}
