using DaprShop.Identity.Data;
using DaprShop.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaprShop.Identity.Users;

/// <summary>
/// Identity's user manager, with "now" from the injected <see cref="TimeProvider"/> (the stock
/// <c>IsLockedOutAsync</c> reads <c>DateTimeOffset.UtcNow</c>, so tests could not move the clock) and the tenant's
/// settings at hand. Password checks with lockout are <see cref="PasswordSignIn"/>'s.
/// </summary>
internal sealed class TenantUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger,
    TimeProvider clock,
    IdentityDb db)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<bool> IsLockedOutAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return LockoutPolicy.IsLockedOut(await GetLockoutEnabledAsync(user).ConfigureAwait(false), user.LockoutEnd, clock.GetUtcNow());
    }

    public async Task<TenantSettings> SettingsOfAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == user.TenantId, CancellationToken).ConfigureAwait(false);
        return tenant?.Settings ?? TenantSettings.Default;
    }

    /// <summary>
    /// Sets a new password (policy-checked; the security stamp moves on) for a caller whose current password was
    /// already checked by <see cref="PasswordSignIn"/>: <c>ChangePasswordAsync</c> would verify it a second time.
    /// </summary>
    public async Task<IdentityResult> SetCheckedPasswordAsync(AppUser user, string newPassword)
    {
        var result = await UpdatePasswordHash(user, newPassword, validatePassword: true).ConfigureAwait(false);
        return result.Succeeded ? await UpdateUserAsync(user).ConfigureAwait(false) : result;
    }
}
