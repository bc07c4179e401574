using DaprShop.Identity.Data;
using DaprShop.Identity.Domain;
using DaprShop.Identity.IntegrationEvents;
using DaprShop.Identity.Tokens;
using DaprShop.Identity.Users;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace DaprShop.Identity.Apis;

/// <summary>What the token endpoint needs, as one <c>[AsParameters]</c> argument.</summary>
internal sealed record TokenServices(
    HttpContext Http,
    TenantUserManager Users,
    SignInManager<AppUser> SignIn,
    ITenantContext Tenant,
    IdentityDb Db,
    DummyPasswordHash DummyHash,
    UserEventPublisher Events,
    TimeProvider Clock,
    CancellationToken CancellationToken);
