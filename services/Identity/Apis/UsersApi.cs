using System.Security.Claims;
using DaprShop.Identity.Apis.Requests;
using DaprShop.Identity.Domain;
using DaprShop.Identity.Users;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Paging;
using DaprShop.ServiceDefaults.Problems;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Identity.Apis;

/// <summary>
/// Users of the caller's tenant. The tenant comes from the token's <c>tid</c> (tenant middleware) and the data layer
/// filters every user query by it, so an admin of tenant A cannot see or change a user of tenant B: such an id is 404.
/// </summary>
internal static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(IdentityRoutes.Users).WithTags("Users");

        api.MapPost("/", CreateAsync)
            .WithName("CreateUser")
            .WithSummary("Create a user in the caller's tenant (admin)")
            .WithValidation<CreateUserRequest>()
            .RequireAuthorization(Policies.Admin);

        api.MapGet("/", ListAsync)
            .WithName("ListUsers")
            .WithSummary("List the users of the caller's tenant (admin or support)")
            .WithValidation<PageRequest>()
            .RequireAuthorization(Policies.Staff);

        api.MapGet("/{id:guid}", GetAsync)
            .WithName("GetUser")
            .WithSummary("Get a user of the caller's tenant (admin or support)")
            .RequireAuthorization(Policies.Staff);

        api.MapPost("/{id:guid}/lock", LockAsync)
            .WithName("LockUser")
            .WithSummary("Lock a user until unlocked and end their sessions (admin)")
            .RequireAuthorization(Policies.Admin);

        api.MapPost("/{id:guid}/unlock", UnlockAsync)
            .WithName("UnlockUser")
            .WithSummary("Unlock a user (admin)")
            .RequireAuthorization(Policies.Admin);

        api.MapPut("/{id:guid}/roles", ChangeRolesAsync)
            .WithName("ChangeUserRoles")
            .WithSummary("Replace a user's roles and end their sessions (admin)")
            .WithValidation<ChangeRolesRequest>()
            .RequireAuthorization(Policies.Admin);

        api.MapPost("/me/password", ChangePasswordAsync)
            .WithName("ChangePassword")
            .WithSummary("Change the caller's password; every session must sign in again")
            .WithValidation<ChangePasswordRequest>()
            .RequireAuthorization(IdentityPolicies.LiveToken);

        return app;
    }

    public static async Task<Results<Created<UserResponse>, ProblemHttpResult, ValidationProblem>> SignUpAsync(
        SignUpRequest request, [AsParameters] UserServices s)
    {
        var tenant = await s.Db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == request.TenantId, s.CancellationToken);
        // An unknown tenant answers like a closed one: sign-up does not tell which tenant ids exist.
        if (tenant is null || tenant.IsPlatform || !tenant.Settings.SelfSignUpEnabled)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Sign-up is not available",
                detail: "This tenant does not allow self sign-up; ask its administrator for an account.",
                type: IdentityProblems.SignUpDisabled);
        }

        s.Tenant.Set(tenant.Id);
        return await CreateInTenantAsync(s, tenant.Id, request.Email, request.Password, [Roles.Customer]);
    }

    private static Task<Results<Created<UserResponse>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        CreateUserRequest request, [AsParameters] UserServices s) =>
        CreateInTenantAsync(s, s.Tenant.TenantId!.Value, request.Email, request.Password, request.Roles ?? [Roles.Customer]);

    internal static async Task<Results<Created<UserResponse>, ProblemHttpResult, ValidationProblem>> CreateInTenantAsync(
        UserServices s, Guid tenantId, string email, string password, IReadOnlyList<string> roles)
    {
        var (user, result) = await UserCreation.CreateAsync(s.Users, s.Db, s.Events, tenantId, email, password, roles, s.Clock.GetUtcNow(), s.CancellationToken);
        if (user is null)
        {
            return UserCreation.IsDuplicate(result)
                ? TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Email already registered",
                    detail: "A user with this email already exists in this tenant.",
                    type: IdentityProblems.EmailTaken)
                : TypedResults.ValidationProblem(UserCreation.AsValidationErrors(result, "password"));
        }

        return TypedResults.Created($"{IdentityRoutes.Users}/{user.Id}", await ToResponseAsync(s, user));
    }

    private static async Task<Ok<PagedResponse<UserResponse>>> ListAsync([AsParameters] PageRequest paging, [AsParameters] UserServices s)
    {
        // Filtered to the caller's tenant by the data layer.
        var page = await s.Db.Users.AsNoTracking().OrderBy(u => u.Id).ToPageAsync(paging, s.CancellationToken);

        var ids = page.Items.Select(u => u.Id).ToList();
        var roles = await (from ur in s.Db.UserRoles
                           join r in s.Db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(s.CancellationToken);
        var rolesByUser = roles.ToLookup(x => x.UserId, x => x.Name!);

        var now = s.Clock.GetUtcNow();
        return TypedResults.Ok(page.Map(u => ToResponse(u, [.. rolesByUser[u.Id].Order(StringComparer.Ordinal)], now)));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] UserServices s) =>
        await FindAsync(s, id) is { } user ? TypedResults.Ok(await ToResponseAsync(s, user)) : Problem.NotFound("User", id);

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> LockAsync(Guid id, ClaimsPrincipal caller, [AsParameters] UserServices s)
    {
        if (await FindAsync(s, id) is not { } user)
        {
            return Problem.NotFound("User", id);
        }

        if (user.Id == caller.FindFirstValue(DaprShopClaims.Subject))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Cannot lock yourself",
                detail: "An administrator cannot lock their own account.");
        }

        // The lock, the ended sessions and the event commit together.
        await using (var tx = await s.Db.Database.BeginTransactionAsync(s.CancellationToken))
        {
            await s.Users.SetLockoutEnabledAsync(user, true);
            await s.Users.SetLockoutEndDateAsync(user, LockoutPolicy.Indefinitely);
            await EndSessionsAsync(s, user);
            await s.Events.LockChangedAsync(user, LockoutPolicy.Indefinitely, s.CancellationToken);
            await tx.CommitAsync(s.CancellationToken);
        }
        return TypedResults.Ok(await ToResponseAsync(s, user));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UnlockAsync(Guid id, [AsParameters] UserServices s)
    {
        if (await FindAsync(s, id) is not { } user)
        {
            return Problem.NotFound("User", id);
        }

        await using (var tx = await s.Db.Database.BeginTransactionAsync(s.CancellationToken))
        {
            await s.Users.SetLockoutEndDateAsync(user, null);
            await s.Users.ResetAccessFailedCountAsync(user);
            await s.Events.LockChangedAsync(user, null, s.CancellationToken);
            await tx.CommitAsync(s.CancellationToken);
        }
        return TypedResults.Ok(await ToResponseAsync(s, user));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> ChangeRolesAsync(
        Guid id, ChangeRolesRequest request, [AsParameters] UserServices s)
    {
        if (await FindAsync(s, id) is not { } user)
        {
            return Problem.NotFound("User", id);
        }

        // Only roles a tenant admin may grant are replaced; platform-admin, if held, stays.
        var current = await s.Users.GetRolesAsync(user);
        var remove = current.Where(r => Roles.TenantRoles.Contains(r) && !request.Roles.Contains(r)).ToList();
        var add = request.Roles.Where(r => !current.Contains(r)).ToList();
        List<string> roles;
        await using (var tx = await s.Db.Database.BeginTransactionAsync(s.CancellationToken))
        {
            await s.Users.RemoveFromRolesAsync(user, remove);
            await s.Users.AddToRolesAsync(user, add);
            await EndSessionsAsync(s, user);
            roles = (await s.Users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
            await s.Events.RolesChangedAsync(user, roles, s.CancellationToken);
            await tx.CommitAsync(s.CancellationToken);
        }
        return TypedResults.Ok(ToResponse(user, roles, s.Clock.GetUtcNow()));
    }

    /// <summary>
    /// A write on one's own account. The token must still be live (<see cref="IdentityPolicies.LiveToken"/>: not
    /// revoked by a lock, role change, logout or an earlier password change, each of which moves the security stamp
    /// and revokes the user's tokens), the account must not be locked, and a wrong current password counts toward
    /// the lockout like a failed sign-in: a stolen access token does not get unlimited guesses.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> ChangePasswordAsync(
        ChangePasswordRequest request, ClaimsPrincipal caller, HttpContext http, PasswordSignIn passwords, [AsParameters] UserServices s)
    {
        if (!caller.TryGetUserId(out var id) || await FindAsync(s, id) is not { } user)
        {
            return Problem.NotFound("User", id);
        }

        var check = await passwords.CheckAsync(user, request.CurrentPassword, s.CancellationToken);
        if (check.Outcome == PasswordCheck.LockedOut)
        {
            return IdentityProblems.Locked(http, check.LockedUntil, s.Clock.GetUtcNow());
        }

        if (check.Outcome == PasswordCheck.Failed)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currentPassword"] = ["The current password is not correct."] });
        }

        await using var tx = await s.Db.Database.BeginTransactionAsync(s.CancellationToken);
        var result = await s.Users.SetCheckedPasswordAsync(user, request.NewPassword);
        if (!result.Succeeded)
        {
            return TypedResults.ValidationProblem(UserCreation.AsValidationErrors(result, "newPassword"));
        }

        await s.Sessions.RevokeAllAsync(user.Id, s.CancellationToken);
        await tx.CommitAsync(s.CancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task EndSessionsAsync(UserServices s, AppUser user)
    {
        await s.Users.UpdateSecurityStampAsync(user);
        await s.Sessions.RevokeAllAsync(user.Id, s.CancellationToken);
    }

    private static async Task<AppUser?> FindAsync(UserServices s, Guid id)
    {
        // The tenant filter applies to the query, but FindByIdAsync may return an entity this context already
        // tracks whatever its tenant: check it explicitly.
        var user = await s.Users.FindByIdAsync(id.ToString());
        return user is not null && user.TenantId == s.Tenant.TenantId ? user : null;
    }

    private static async Task<UserResponse> ToResponseAsync(UserServices s, AppUser user) =>
        ToResponse(user, [.. (await s.Users.GetRolesAsync(user)).Order(StringComparer.Ordinal)], s.Clock.GetUtcNow());

    private static UserResponse ToResponse(AppUser u, IReadOnlyList<string> roles, DateTimeOffset now)
    {
        var locked = LockoutPolicy.IsLockedOut(u.LockoutEnabled, u.LockoutEnd, now);
        return new UserResponse(Guid.Parse(u.Id), u.TenantId, u.Email!, roles, locked, locked ? u.LockoutEnd : null, u.CreatedAt);
    }
}
