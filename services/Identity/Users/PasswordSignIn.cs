using DaprShop.Identity.Data;
using DaprShop.Identity.Domain;
using DaprShop.Identity.IntegrationEvents;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Identity.Users;

internal enum PasswordCheck { Succeeded, Failed, LockedOut }

/// <summary>What a password check decided; <see cref="LockedUntil"/> is set when the account is locked.</summary>
internal sealed record PasswordCheckResult(PasswordCheck Outcome, DateTimeOffset? LockedUntil);

/// <summary>
/// Checks a user's password with the tenant's lockout, for sign-in and for changing one's password. The database
/// decides, whatever the concurrency: a failure is one UPDATE that counts it and sets the lock when it reaches the
/// threshold (RETURNING whether it did), and refuses to count while the account is locked; a success clears the count
/// only if the account is not locked at that moment. So at most <c>threshold</c> wrong passwords are ever answered as
/// wrong before the lock, and a right password checked while the lock is being set is refused like a wrong one.
/// (Identity's own <c>AccessFailedAsync</c> reads, increments and writes the count, and under load most writes lose.)
/// </summary>
internal sealed class PasswordSignIn(TenantUserManager users, IdentityDb db, UserEventPublisher events, DummyPasswordHash dummyHash, TimeProvider clock)
{
    public async Task<PasswordCheckResult> CheckAsync(AppUser user, string password, CancellationToken ct)
    {
        if (await users.IsLockedOutAsync(user))
        {
            dummyHash.Verify(password);   // as long as a real check: the answer's timing says nothing more than its status
            return Locked(user);
        }

        return await users.CheckPasswordAsync(user, password)
            ? await ClearFailuresUnlessLockedAsync(user, ct)
            : await RecordFailureAsync(user, ct);
    }

    async Task<PasswordCheckResult> ClearFailuresUnlessLockedAsync(AppUser user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cleared = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "AspNetUsers" SET "AccessFailedCount" = 0, "ConcurrencyStamp" = {Guid.NewGuid().ToString()}
            WHERE "Id" = {user.Id} AND "TenantId" = {user.TenantId}
              AND NOT ("LockoutEnabled" AND "LockoutEnd" IS NOT NULL AND "LockoutEnd" > {now})
            """, ct);
        await db.Entry(user).ReloadAsync(ct);
        return cleared == 1 ? new PasswordCheckResult(PasswordCheck.Succeeded, null) : Locked(user);
    }

    async Task<PasswordCheckResult> RecordFailureAsync(AppUser user, CancellationToken ct)
    {
        var settings = await users.SettingsOfAsync(user);
        var now = clock.GetUtcNow();
        var until = now + settings.LockoutDuration;

        // The lock and its UserLockChanged event commit together. The transaction holds the row lock: nothing but the
        // event's insert happens inside it, so concurrent failures wait as briefly as possible (each holds a connection).
        FailureCounted? row;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var counted = await db.Database.SqlQuery<FailureCounted>($"""
            UPDATE "AspNetUsers" SET
                "AccessFailedCount" = CASE WHEN "AccessFailedCount" + 1 >= {settings.LockoutThreshold} THEN 0 ELSE "AccessFailedCount" + 1 END,
                "LockoutEnd" = CASE WHEN "AccessFailedCount" + 1 >= {settings.LockoutThreshold} THEN {until} ELSE "LockoutEnd" END,
                "ConcurrencyStamp" = {Guid.NewGuid().ToString()}
            WHERE "Id" = {user.Id} AND "TenantId" = {user.TenantId}
              AND NOT ("LockoutEnabled" AND "LockoutEnd" IS NOT NULL AND "LockoutEnd" > {now})
            RETURNING "LockoutEnabled", "LockoutEnd"
            """).ToListAsync(ct);
            row = counted.SingleOrDefault();
            if (row is not null && LockoutPolicy.IsLockedOut(row.LockoutEnabled, row.LockoutEnd, now))
            {
                await events.LockChangedAsync(user, row.LockoutEnd, ct);
            }

            await tx.CommitAsync(ct);
        }

        await db.Entry(user).ReloadAsync(ct);
        return row is null
            ? Locked(user)   // already locked by a concurrent failure (or an admin): not counted, not checked
            : LockoutPolicy.IsLockedOut(row.LockoutEnabled, row.LockoutEnd, now)
                ? new PasswordCheckResult(PasswordCheck.LockedOut, row.LockoutEnd)
                : new PasswordCheckResult(PasswordCheck.Failed, null);
    }

    static PasswordCheckResult Locked(AppUser user) => new(PasswordCheck.LockedOut, user.LockoutEnd ?? LockoutPolicy.Indefinitely);

    sealed class FailureCounted
    {
        public bool LockoutEnabled { get; set; }
        public DateTimeOffset? LockoutEnd { get; set; }
    }
}
