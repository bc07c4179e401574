using DaprShop.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Identity.Users;

/// <summary>Creates a user with roles in the current tenant; shared by sign-up, admin creation and tenant creation.</summary>
internal static class UserCreation
{
    public static async Task<(AppUser? User, IdentityResult Result)> CreateAsync(
        TenantUserManager users, Guid tenantId, string email, string password, IReadOnlyList<string> roles, DateTimeOffset now)
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

        if (!result.Succeeded)
        {
            return (null, result);
        }

        result = await users.AddToRolesAsync(user, roles);
        return (result.Succeeded ? user : null, result);
    }

    public static bool IsDuplicate(IdentityResult result) =>
        result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));

    /// <summary>Identity's password-policy failures as validation errors on <paramref name="field"/>.</summary>
    public static Dictionary<string, string[]> AsValidationErrors(IdentityResult result, string field) =>
        new() { [field] = [.. result.Errors.Select(e => e.Description)] };
}
