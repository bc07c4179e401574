using System.Security.Claims;
using DaprShop.Identity.Apis.Requests;
using DaprShop.Identity.Data;
using DaprShop.Identity.Domain;
using DaprShop.Identity.IntegrationEvents;
using DaprShop.Identity.Users;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Paging;
using DaprShop.ServiceDefaults.Problems;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DaprShop.Identity.Apis;

/// <summary>Tenants and their settings. Creating and listing tenants is the platform admin's; a tenant's admin may change its settings.</summary>
internal static class TenantsApi
{
    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(IdentityRoutes.Tenants).WithTags("Tenants");

        api.MapPost("/", CreateAsync)
            .WithName("CreateTenant")
            .WithSummary("Create a tenant, optionally with its first admin (platform admin)")
            .WithValidation<CreateTenantRequest>()
            .RequireAuthorization(Policies.PlatformAdmin);

        api.MapGet("/", ListAsync)
            .WithName("ListTenants")
            .WithSummary("List tenants (platform admin)")
            .WithValidation<PageRequest>()
            .RequireAuthorization(Policies.PlatformAdmin);

        api.MapGet("/{id:guid}", GetAsync)
            .WithName("GetTenant")
            .WithSummary("Get a tenant and its settings (platform admin, or an admin of that tenant)")
            .RequireAuthorization(Policies.Admin);

        api.MapPut("/{id:guid}/settings", UpdateSettingsAsync)
            .WithName("UpdateTenantSettings")
            .WithSummary("Change a tenant's settings: self sign-up, token lifetimes, lockout (platform admin, or an admin of that tenant)")
            .WithValidation<TenantSettingsRequest>()
            .RequireAuthorization(Policies.Admin);

        return app;
    }

    private static async Task<Results<Created<TenantResponse>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        CreateTenantRequest request, [AsParameters] TenantServices s)
    {
        var tenant = new Tenant
        {
            Id = Guid.CreateVersion7(),
            Name = request.Name.Trim(),
            CreatedAt = s.Clock.GetUtcNow(),
            Settings = TenantSettings.Default.With(request.Settings),
        };

        // The tenant and its first admin commit together, in a scope whose tenant context is the new tenant
        // (the caller's token belongs to the platform tenant, and the data layer stamps writes with the current tenant).
        await using var scope = s.Scopes.CreateAsyncScope();
        var inTenant = scope.ServiceProvider;
        inTenant.GetRequiredService<ITenantContext>().Set(tenant.Id);
        var db = inTenant.GetRequiredService<IdentityDb>();

        await using var transaction = await db.Database.BeginTransactionAsync(s.CancellationToken);
        db.Tenants.Add(tenant);
        try
        {
            await db.SaveChangesAsync(s.CancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Tenant name taken",
                detail: $"A tenant named '{tenant.Name}' already exists.", type: IdentityProblems.TenantNameTaken);
        }

        Guid? adminId = null;
        if (request.Admin is { } a)
        {
            var (user, result) = await UserCreation.CreateAsync(
                inTenant.GetRequiredService<TenantUserManager>(), db, inTenant.GetRequiredService<UserEventPublisher>(),
                tenant.Id, a.Email, a.Password, [Roles.Admin], s.Clock.GetUtcNow(), s.CancellationToken);
            if (user is null)
            {
                return TypedResults.ValidationProblem(UserCreation.AsValidationErrors(result, "admin.password"));
            }

            adminId = Guid.Parse(user.Id);
        }

        await transaction.CommitAsync(s.CancellationToken);

        return TypedResults.Created($"{IdentityRoutes.Tenants}/{tenant.Id}", TenantResponse.From(tenant, adminId));
    }

    private static async Task<Ok<PagedResponse<TenantResponse>>> ListAsync([AsParameters] PageRequest paging, [AsParameters] TenantServices s)
    {
        var page = await s.Db.Tenants.AsNoTracking().OrderBy(t => t.Id).ToPageAsync(paging, s.CancellationToken);
        return TypedResults.Ok(page.Map(t => TenantResponse.From(t)));
    }

    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal caller, [AsParameters] TenantServices s)
    {
        var tenant = MayManage(caller, id) ? await s.Db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, s.CancellationToken) : null;
        return tenant is null ? Problem.NotFound("Tenant", id) : TypedResults.Ok(TenantResponse.From(tenant));
    }

    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> UpdateSettingsAsync(
        Guid id, TenantSettingsRequest request, ClaimsPrincipal caller, [AsParameters] TenantServices s)
    {
        var tenant = MayManage(caller, id) ? await s.Db.Tenants.SingleOrDefaultAsync(t => t.Id == id, s.CancellationToken) : null;
        if (tenant is null)
        {
            return Problem.NotFound("Tenant", id);
        }

        tenant.Settings = tenant.Settings.With(request);
        await s.Db.SaveChangesAsync(s.CancellationToken);
        return TypedResults.Ok(TenantResponse.From(tenant));
    }

    // Another tenant's admin learns nothing, not even that the tenant exists: 404 as for an unknown id.
    private static bool MayManage(ClaimsPrincipal caller, Guid tenantId) =>
        caller.IsInRole(Roles.PlatformAdmin) || caller.FindFirstValue(DaprShopClaims.TenantId) == tenantId.ToString();
}
