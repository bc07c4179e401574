using DaprShop.Identity.Data;
using DaprShop.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaprShop.Identity.Users;

/// <summary>
/// Identity's user manager with two changes: lockout follows the user's tenant (threshold and duration), and
/// "now" comes from the injected <see cref="TimeProvider"/>. The stock <c>AccessFailedAsync</c> and
/// <c>IsLockedOutAsync</c> read <c>DateTimeOffset.UtcNow</c> and the global <c>LockoutOptions</c>, so tests
/// could not move the clock and tenants could not differ. <c>SignInManager.CheckPasswordSignInAsync</c> calls these overrides.
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
    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lockoutStore = (IUserLockoutStore<AppUser>)Store;
        var count = await lockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken).ConfigureAwait(false);
        var settings = await SettingsOfAsync(user).ConfigureAwait(false);
        if (LockoutPolicy.LockUntilAfterFailure(count, settings, clock.GetUtcNow()) is { } until)
        {
            await lockoutStore.SetLockoutEndDateAsync(user, until, CancellationToken).ConfigureAwait(false);
            await lockoutStore.ResetAccessFailedCountAsync(user, CancellationToken).ConfigureAwait(false);
        }

        return await UpdateUserAsync(user).ConfigureAwait(false);
    }

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
}
