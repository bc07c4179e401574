using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.Users.Caching;
using DaprShop.Users.Data;

namespace DaprShop.Users.Apis;

/// <summary>What the profile and address endpoints need, as one <c>[AsParameters]</c> argument.</summary>
internal sealed record ProfileServices(
    UsersDb Db,
    ITenantContext Tenant,
    ProfileCache Cache,
    TimeProvider Clock,
    HttpContext Http,
    CancellationToken CancellationToken)
{
    /// <summary>The tenant the request acts for; the routes require a token with one, so it is always set here.</summary>
    public Guid TenantId => Tenant.TenantId ?? throw new TenantIsolationException("no tenant in context");
}
