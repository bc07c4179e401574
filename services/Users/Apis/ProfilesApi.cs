using System.Security.Claims;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Paging;
using DaprShop.ServiceDefaults.Validation;
using DaprShop.Users.Apis.Requests;
using DaprShop.Users.Apis.Responses;
using DaprShop.Users.Caching;
using DaprShop.Users.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Users.Apis;

/// <summary>
/// Profiles: the caller's own (<c>/me</c>), and any profile of the caller's tenant for support and admins. The tenant
/// comes from the token and the data layer filters by it, so another tenant's user id is simply not found.
/// </summary>
internal static class ProfilesApi
{
    public static IEndpointRouteBuilder MapProfilesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/profiles").WithTags("Profiles").WithBodyLimit(BodyLimits.MaxBodyBytes);

        api.MapGet("/me", GetOwnAsync)
            .WithName("GetOwnProfile")
            .WithSummary("Get the caller's profile (404 with Retry-After until the registration event has arrived)")
            .RequireTenantUser();

        api.MapPut("/me", UpdateOwnAsync)
            .WithName("UpdateOwnProfile")
            .WithSummary("Replace the caller's editable profile fields; If-Match with the ETag of a read, else 412")
            .WithValidation<UpdateProfileRequest>()
            .RequireTenantUser();

        api.MapGet("/", ListAsync)
            .WithName("ListProfiles")
            .WithSummary("List the profiles of the caller's tenant, optionally by exact email (admin or support)")
            .WithValidation<PageRequest>()
            .WithValidation<ProfileFilter>()
            .RequireAuthorization(Policies.Staff);

        api.MapGet("/{userId:guid}", GetAsync)
            .WithName("GetProfile")
            .WithSummary("Get a profile of the caller's tenant (admin or support)")
            .RequireAuthorization(Policies.Staff);

        return app;
    }

    private static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> GetOwnAsync(ClaimsPrincipal caller, [AsParameters] ProfileServices s)
    {
        if (!caller.TryGetUserId(out var userId) || await ReadAsync(s, userId) is not { } profile)
        {
            return OwnProfileNotFound(s);
        }

        ETags.Set(s.Http.Response, profile.Version);
        return TypedResults.Ok(ProfileResponse.From(profile, s.Clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> UpdateOwnAsync(
        UpdateProfileRequest request, ClaimsPrincipal caller, [AsParameters] ProfileServices s)
    {
        if (!caller.TryGetUserId(out var userId))
        {
            return OwnProfileNotFound(s);
        }

        var now = s.Clock.GetUtcNow();
        await using var tx = await s.Db.Database.BeginTransactionAsync(s.CancellationToken);
        if (await s.Db.LockProfileAsync(s.TenantId, userId, s.CancellationToken) is not { } profile)
        {
            return OwnProfileNotFound(s);
        }

        if (Preconditions.CheckIfMatch(s.Http.Request, profile.Version, "profile") is { } failed)
        {
            return failed;
        }

        profile.DisplayName = Clean(request.DisplayName);
        profile.FirstName = Clean(request.FirstName);
        profile.LastName = Clean(request.LastName);
        profile.Phone = Clean(request.Phone);
        profile.Locale = Clean(request.Locale) is { } locale ? ContactFormats.NormalizeLocale(locale) : null;
        profile.MarketingOptIn = request.MarketingOptIn ?? false;
        profile.UpdatedAt = now;
        s.Cache.InvalidateAfterCommit(s.Db, s.TenantId, userId);
        await s.Db.SaveChangesAsync(s.CancellationToken);
        await tx.CommitAsync(s.CancellationToken);

        ETags.Set(s.Http.Response, profile.Version);
        return TypedResults.Ok(ProfileResponse.From(profile, now));
    }

    private static async Task<Ok<PagedResponse<ProfileResponse>>> ListAsync(
        [AsParameters] PageRequest paging, [AsParameters] ProfileFilter filter, [AsParameters] ProfileServices s)
    {
        var query = s.Db.Profiles.AsNoTracking();   // the caller's tenant only: the data layer's filter
        if (!string.IsNullOrWhiteSpace(filter.Email))
        {
            var email = Profile.NormalizeEmail(filter.Email);
            query = query.Where(p => p.NormalizedEmail == email);
        }

        var page = await query.OrderBy(p => p.UserId).ToPageAsync(paging, s.CancellationToken);
        var now = s.Clock.GetUtcNow();
        return TypedResults.Ok(page.Map(p => ProfileResponse.From(p, now)));
    }

    private static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> GetAsync(Guid userId, [AsParameters] ProfileServices s)
    {
        if (await ReadAsync(s, userId) is not { } profile)
        {
            return UsersProblems.ProfileNotFound(userId);
        }

        ETags.Set(s.Http.Response, profile.Version);
        return TypedResults.Ok(ProfileResponse.From(profile, s.Clock.GetUtcNow()));
    }

    /// <summary>Cache-aside read: the state store first, else the database (and the entry is filled for next time).</summary>
    internal static Task<CachedProfile?> ReadAsync(ProfileServices s, Guid userId) =>
        s.Cache.GetOrLoadAsync(s.TenantId, userId, async ct =>
        {
            var row = await s.Db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, ct);
            return row is null ? null : CachedProfile.From(row);
        }, s.CancellationToken);

    internal static ProblemHttpResult OwnProfileNotFound(ProfileServices s)
    {
        s.Http.Response.Headers.RetryAfter = UsersProblems.ProfileRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return UsersProblems.OwnProfileNotFound();
    }

    /// <summary>Trimmed; empty or white space alone is "not given".</summary>
    internal static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
