using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace DaprShop.Identity.Domain;

/// <summary>
/// An Identity user that belongs to exactly one tenant. The same email in two tenants is two rows: the
/// uniqueness indexes lead with <see cref="TenantId"/> and every query is filtered by the current tenant.
/// </summary>
internal sealed class AppUser : IdentityUser, ITenantOwned
{
    // Identity would use a random v4 id; DaprShop ids are UUIDv7 (time-ordered, index-friendly).
    public AppUser() => Id = Guid.CreateVersion7().ToString();

    public Guid TenantId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
