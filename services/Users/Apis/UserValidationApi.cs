using System.Security.Claims;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Problems;
using DaprShop.ServiceDefaults.Sidecar;
using DaprShop.ServiceDefaults.Validation;
using DaprShop.Users.Apis.Requests;
using DaprShop.Users.Apis.Responses;
using DaprShop.Users.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Users.Apis;

/// <summary>
/// For other services, through Dapr service invocation (not exposed by the gateway): ordering checks that the buyer
/// exists in its tenant, is not locked, and owns the address it wants to ship or bill to. The caller forwards the
/// token of the request it serves, so the tenant is the token's and the usual tenant filter applies; the user in the
/// path must be the token's subject, or the token a staff member's (an order placed on a customer's behalf). Only
/// requests that came through this app's sidecar (carrying its app API token) are served.
/// <para>
/// A saga activity has no user token: <see cref="ServiceRoute"/> is the same check for app <c>ordering</c> acting for
/// the tenant in <c>X-Tenant-ID</c> (<c>RequireServiceCaller</c>), which vouches for the buyer itself (it checks the
/// customer of its own order).
/// </para>
/// </summary>
internal static class UserValidationApi
{
    public const string Route = "/internal/users/{userId:guid}/validation";
    public const string ServiceRoute = "/internal/v1/users/{userId:guid}/validation";

    public static IEndpointRouteBuilder MapUserValidationApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, ValidateAsync)
            .WithName("ValidateUser")
            .WithTags("Internal")
            .WithSummary("Check a buyer and their address for an order (service-to-service, with the user's forwarded token)")
            .WithValidation<UserValidationQuery>()
            .RequireTenantUser()
            // Only through this app's sidecar (service invocation): a direct call to the app's port is refused.
            .RequireDaprSidecar();

        // The caller check comes first: a stranger learns nothing, not even whether its query was valid.
        app.MapGet(ServiceRoute, CheckAsync)
            .WithName("ValidateUserForService")
            .WithTags("Internal")
            .WithSummary("Check a buyer and their address for an order (ordering's saga, for the tenant in X-Tenant-ID)")
            .RequireServiceCaller("ordering")
            .WithValidation<UserValidationQuery>();
        return app;
    }

    private static async Task<Results<Ok<UserValidationResponse>, ProblemHttpResult>> ValidateAsync(
        Guid userId, [AsParameters] UserValidationQuery query, ClaimsPrincipal caller, [AsParameters] ProfileServices s)
    {
        if (!caller.TryGetUserId(out var subject) || (subject != userId && !caller.IsStaff()))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.Forbidden,
                title: "Not your user", detail: "A token can validate only its own user, unless it is a staff member's.");
        }

        return await CheckAsync(userId, query, s);
    }

    private static async Task<Results<Ok<UserValidationResponse>, ProblemHttpResult>> CheckAsync(
        Guid userId, [AsParameters] UserValidationQuery query, [AsParameters] ProfileServices s)
    {

        // Straight from the database, not the cache: a lock must count at once.
        var profile = await s.Db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, s.CancellationToken);
        if (profile is null)
        {
            return UsersProblems.ProfileNotFound(userId);
        }

        if (Profile.IsLockedAt(profile.Locked, profile.LockedUntil, s.Clock.GetUtcNow()))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status423Locked, type: UsersProblems.UserLocked,
                title: "User is locked", detail: $"User {userId} is locked and cannot place orders.");
        }

        var type = query.Type is null ? AddressType.Shipping : AddressTypes.Parse(query.Type);
        var addresses = s.Db.Addresses.AsNoTracking().Where(a => a.UserId == userId);
        var address = query.AddressId is { } addressId
            ? await addresses.SingleOrDefaultAsync(a => a.Id == addressId, s.CancellationToken)
            : await addresses.SingleOrDefaultAsync(a => a.Type == type && a.IsDefault, s.CancellationToken);
        if (address is null)
        {
            return query.AddressId is { } id
                ? UsersProblems.AddressNotFound(id)
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound,
                    title: "No default address", detail: $"User {userId} has no {type.ToCode()} address.");
        }

        if (address.Type != type)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, type: UsersProblems.AddressTypeMismatch,
                title: "Wrong kind of address", detail: $"Address {address.Id} is a {address.Type.ToCode()} address, not {type.ToCode()}.");
        }

        return TypedResults.Ok(new UserValidationResponse(profile.UserId, profile.TenantId, profile.Email, profile.DisplayName, AddressResponse.From(address)));
    }
}
