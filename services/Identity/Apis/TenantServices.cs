using DaprShop.Identity.Data;

namespace DaprShop.Identity.Apis;

/// <summary>What the tenant endpoints need, as one <c>[AsParameters]</c> argument.</summary>
internal sealed record TenantServices(
    IdentityDb Db,
    IServiceScopeFactory Scopes,
    TimeProvider Clock,
    CancellationToken CancellationToken);
