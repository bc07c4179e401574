using DaprShop.Identity.Data;
using DaprShop.Identity.Domain;
using DaprShop.Identity.IntegrationEvents;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Identity.Users;

/// <summary>Creates a user with roles in the current tenant; shared by sign-up, admin creation and tenant creation.</summary>
internal static class UserCreation
{
    /// <summary>
    /// The user, its roles and its <c>UserRegistered</c> event commit together (in the caller's transaction when there is
    /// one): a failure part-way leaves no user without roles and no event without a user.
    /// </summary>
    public static async Task<(AppUser? User, IdentityResult Result)> CreateAsync(
        TenantUserManager users, IdentityDb db, UserEventPublisher events, Guid tenantId, string email, string password,
        IReadOnlyList<string> roles, DateTimeOffset now, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using (own)
        {
            var user = new AppUser { UserName = email, Email = email, TenantId = tenantId, CreatedAt = now };
            IdentityResult result;
            try
            {
                result = await users.CreateAsync(user, password);
            }
            catch (DbUpdateException)
            {
                // Two concurrent sign-ups with one email: the per-tenant unique index decides; answer as Identity would.
                return (null, IdentityResult.Failed(users.ErrorDescriber.DuplicateEmail(email)));
            }

            if (result.Succeeded) result = await users.AddToRolesAsync(user, roles);
            if (!result.Succeeded) return (null, result);   // disposing the uncommitted transaction rolls the user back

            await events.RegisteredAsync(user, roles, ct);
            if (own is not null) await own.CommitAsync(ct);
            return (user, result);
        }
    }

    public static bool IsDuplicate(IdentityResult result) =>
        result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));

    /// <summary>Identity's password-policy failures as validation errors on <paramref name="field"/>.</summary>
    public static Dictionary<string, string[]> AsValidationErrors(IdentityResult result, string field) =>
        new() { [field] = [.. result.Errors.Select(e => e.Description)] };
}
