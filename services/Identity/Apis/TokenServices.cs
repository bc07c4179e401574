using DaprShop.Identity.Data;
using DaprShop.Identity.Users;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.Extensions.Options;

namespace DaprShop.Identity.Apis;

/// <summary>What the token endpoint needs, as one <c>[AsParameters]</c> argument.</summary>
internal sealed record TokenServices(
    HttpContext Http,
    TenantUserManager Users,
    PasswordSignIn Passwords,
    ITenantContext Tenant,
    IdentityDb Db,
    DummyPasswordHash DummyHash,
    IOptions<AuthOptions> Auth,
    TimeProvider Clock,
    CancellationToken CancellationToken);
