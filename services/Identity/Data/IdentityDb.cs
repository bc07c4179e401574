using DaprShop.Identity.Domain;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Identity.Data;

/// <summary>
/// Identity's one database: ASP.NET Core Identity (users, roles), OpenIddict (applications, authorizations,
/// tokens), tenants, and the processed-event ids of idempotent handlers.
/// Users are tenant-owned: the shared tenancy filter scopes every user query to the current tenant and
/// fails closed (no tenant in context, no rows). OpenIddict's tables stay unfiltered; their rows are keyed by
/// subject (a user id, unique across tenants).
/// </summary>
internal sealed class IdentityDb(DbContextOptions<IdentityDb> options, ITenantContext tenant)
    : IdentityDbContext<AppUser>(options), ITenantScopedDbContext
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    // Re-read at every query execution, so a tenant set after the context was created still applies.
    public Guid? CurrentTenantId => tenant.TenantId;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.ApplyConfigurationsFromAssembly(typeof(IdentityDb).Assembly);
        builder.AddProcessedEvents();
        builder.AddOutbox();
        builder.ApplyTenantIsolation(this);
    }
}
