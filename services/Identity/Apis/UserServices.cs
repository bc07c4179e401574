using DaprShop.Identity.Data;
using DaprShop.Identity.IntegrationEvents;
using DaprShop.Identity.Tokens;
using DaprShop.Identity.Users;
using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Identity.Apis;

/// <summary>What the user endpoints need, as one <c>[AsParameters]</c> argument.</summary>
internal sealed record UserServices(
    TenantUserManager Users,
    IdentityDb Db,
    ITenantContext Tenant,
    UserEventPublisher Events,
    SessionRevoker Sessions,
    TimeProvider Clock,
    CancellationToken CancellationToken);
