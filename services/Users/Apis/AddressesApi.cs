using System.Security.Claims;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Paging;
using DaprShop.ServiceDefaults.Validation;
using DaprShop.Users.Apis.Requests;
using DaprShop.Users.Apis.Responses;
using DaprShop.Users.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Users.Apis;

/// <summary>
/// The caller's addresses, and (read-only) any user's of the tenant for staff. Every change takes the profile's row
/// lock first, so the address limit and the default switch are decided one change at a time per user, and the
/// partial unique index guards "one default per type" underneath.
/// </summary>
internal static class AddressesApi
{
    public static IEndpointRouteBuilder MapAddressesApi(this IEndpointRouteBuilder app)
    {
        var own = app.MapGroup("/api/v1/profiles/me/addresses").WithTags("Addresses").RequireTenantUser().WithBodyLimit(BodyLimits.MaxBodyBytes);

        own.MapPost("/", CreateAsync)
            .WithName("CreateAddress")
            .WithSummary($"Add an address (BILLING or SHIPPING; at most {AddressBook.MaxAddresses}); isDefault switches the default atomically")
            .WithValidation<AddressRequest>();

        own.MapGet("/", ListOwnAsync)
            .WithName("ListOwnAddresses")
            .WithSummary("List the caller's addresses")
            .WithValidation<PageRequest>();

        own.MapGet("/{id:guid}", GetOwnAsync)
            .WithName("GetOwnAddress")
            .WithSummary("Get one of the caller's addresses");

        own.MapPut("/{id:guid}", UpdateAsync)
            .WithName("UpdateAddress")
            .WithSummary("Replace one of the caller's addresses; If-Match with its ETag, else 412")
            .WithValidation<AddressRequest>();

        own.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("DeleteAddress")
            .WithSummary("Delete one of the caller's addresses (a deleted default is replaced by the newest of its type)");

        app.MapGroup("/api/v1/profiles").WithTags("Addresses")
            .MapGet("/{userId:guid}/addresses", ListForUserAsync)
            .WithName("ListUserAddresses")
            .WithSummary("List the addresses of a user of the caller's tenant (admin or support)")
            .WithValidation<PageRequest>()
            .RequireAuthorization(Policies.Staff);

        return app;
    }

    private static async Task<Results<Created<AddressResponse>, ProblemHttpResult>> CreateAsync(
        AddressRequest request, ClaimsPrincipal caller, [AsParameters] ProfileServices s)
    {
        if (!caller.TryGetUserId(out var userId))
        {
            return ProfilesApi.OwnProfileNotFound(s);
        }

        var now = s.Clock.GetUtcNow();
        await using var tx = await s.Db.Database.BeginTransactionAsync(s.CancellationToken);
        if (await s.Db.LockProfileAsync(s.TenantId, userId, s.CancellationToken) is null)
        {
            return ProfilesApi.OwnProfileNotFound(s);
        }

        var book = new AddressBook(await s.Db.Addresses.Where(a => a.UserId == userId).ToListAsync(s.CancellationToken));
        var address = new Address { Id = Guid.CreateVersion7(), UserId = userId, Type = AddressTypes.Parse(request.Type!), CreatedAt = now };
        Apply(request, address, now);
        if (book.Add(address, request.IsDefault) is var error and not AddressBookError.None)
        {
            return UsersProblems.For(error);
        }

        s.Db.Addresses.Add(address);
        await s.Db.SaveAddressesAsync(s.CancellationToken);
        await tx.CommitAsync(s.CancellationToken);

        ETags.Set(s.Http.Response, address.Version);
        return TypedResults.Created($"/api/v1/profiles/me/addresses/{address.Id}", AddressResponse.From(address));
    }

    private static async Task<Results<Ok<PagedResponse<AddressResponse>>, ProblemHttpResult>> ListOwnAsync(
        [AsParameters] PageRequest paging, ClaimsPrincipal caller, [AsParameters] ProfileServices s)
    {
        if (!caller.TryGetUserId(out var userId) || !await s.Db.Profiles.AnyAsync(p => p.UserId == userId, s.CancellationToken))
        {
            return ProfilesApi.OwnProfileNotFound(s);
        }

        return TypedResults.Ok(await PageOfAsync(s, userId, paging));
    }

    private static async Task<Results<Ok<PagedResponse<AddressResponse>>, ProblemHttpResult>> ListForUserAsync(
        Guid userId, [AsParameters] PageRequest paging, [AsParameters] ProfileServices s)
    {
        if (!await s.Db.Profiles.AnyAsync(p => p.UserId == userId, s.CancellationToken))
        {
            return UsersProblems.ProfileNotFound(userId);
        }

        return TypedResults.Ok(await PageOfAsync(s, userId, paging));
    }

    private static async Task<Results<Ok<AddressResponse>, ProblemHttpResult>> GetOwnAsync(
        Guid id, ClaimsPrincipal caller, [AsParameters] ProfileServices s)
    {
        if (!caller.TryGetUserId(out var userId) ||
            await s.Db.Addresses.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.UserId == userId, s.CancellationToken) is not { } address)
        {
            return UsersProblems.AddressNotFound(id);
        }

        ETags.Set(s.Http.Response, address.Version);
        return TypedResults.Ok(AddressResponse.From(address));
    }

    private static async Task<Results<Ok<AddressResponse>, ProblemHttpResult>> UpdateAsync(
        Guid id, AddressRequest request, ClaimsPrincipal caller, [AsParameters] ProfileServices s)
    {
        if (!caller.TryGetUserId(out var userId))
        {
            return UsersProblems.AddressNotFound(id);
        }

        var now = s.Clock.GetUtcNow();
        await using var tx = await s.Db.Database.BeginTransactionAsync(s.CancellationToken);
        if (await s.Db.LockProfileAsync(s.TenantId, userId, s.CancellationToken) is null)
        {
            return UsersProblems.AddressNotFound(id);
        }

        var book = new AddressBook(await s.Db.Addresses.Where(a => a.UserId == userId).ToListAsync(s.CancellationToken));
        if (book.Addresses.SingleOrDefault(a => a.Id == id) is not { } address)
        {
            return UsersProblems.AddressNotFound(id);
        }

        // Under the profile's lock nobody else writes this address, so comparing here is as good as a conditional UPDATE.
        if (Preconditions.CheckIfMatch(s.Http.Request, address.Version, "address") is { } failed)
        {
            return failed;
        }

        if (book.Change(address, AddressTypes.Parse(request.Type!), request.IsDefault) is var error and not AddressBookError.None)
        {
            return UsersProblems.For(error);
        }

        Apply(request, address, now);
        await s.Db.SaveAddressesAsync(s.CancellationToken);
        await tx.CommitAsync(s.CancellationToken);

        ETags.Set(s.Http.Response, address.Version);
        return TypedResults.Ok(AddressResponse.From(address));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, ClaimsPrincipal caller, [AsParameters] ProfileServices s)
    {
        if (!caller.TryGetUserId(out var userId))
        {
            return UsersProblems.AddressNotFound(id);
        }

        await using var tx = await s.Db.Database.BeginTransactionAsync(s.CancellationToken);
        if (await s.Db.LockProfileAsync(s.TenantId, userId, s.CancellationToken) is null)
        {
            return UsersProblems.AddressNotFound(id);
        }

        var book = new AddressBook(await s.Db.Addresses.Where(a => a.UserId == userId).ToListAsync(s.CancellationToken));
        if (book.Addresses.SingleOrDefault(a => a.Id == id) is not { } address)
        {
            return UsersProblems.AddressNotFound(id);
        }

        if (Preconditions.CheckIfMatch(s.Http.Request, address.Version, "address") is { } failed)
        {
            return failed;
        }

        book.Remove(address);
        s.Db.Addresses.Remove(address);
        await s.Db.SaveAddressesAsync(s.CancellationToken);
        await tx.CommitAsync(s.CancellationToken);
        return TypedResults.NoContent();
    }

    private static Task<PagedResponse<AddressResponse>> PageOfAsync(ProfileServices s, Guid userId, PageRequest paging) =>
        s.Db.Addresses.AsNoTracking()
            .Where(a => a.UserId == userId)
            .OrderBy(a => a.Type).ThenByDescending(a => a.IsDefault).ThenBy(a => a.Id)
            .Select(a => AddressResponse.From(a))
            .ToPageAsync(paging, s.CancellationToken);

    /// <summary>Copies the validated request onto the address (type and default are the address book's business).</summary>
    private static void Apply(AddressRequest r, Address a, DateTimeOffset now)
    {
        a.RecipientName = r.RecipientName!.Trim();
        a.Company = ProfilesApi.Clean(r.Company);
        a.Line1 = r.Line1!.Trim();
        a.Line2 = ProfilesApi.Clean(r.Line2);
        a.City = r.City!.Trim();
        a.Region = ProfilesApi.Clean(r.Region);
        a.Country = Countries.Normalize(r.Country!);
        a.PostalCode = PostalCodes.Normalize(a.Country, r.PostalCode!);
        a.Phone = ProfilesApi.Clean(r.Phone);
        a.UpdatedAt = now;
    }
}
