using DaprShop.Contracts;
using DaprShop.Contracts.Users;
using DaprShop.Identity.Domain;
using DaprShop.Identity.Data;
using DaprShop.ServiceDefaults.Events;

namespace DaprShop.Identity.IntegrationEvents;

/// <summary>
/// Stages user events in identity's outbox. Each call saves, so inside a caller's transaction the event commits (or
/// rolls back) with the change that caused it; the outbox relay sends it to <c>user-events</c> after commit.
/// </summary>
internal sealed class UserEventPublisher(IdentityDb db, IntegrationEventOutbox outbox)
{
    public Task RegisteredAsync(AppUser user, IReadOnlyList<string> roles, CancellationToken cancellationToken) =>
        StageAsync(new UserRegistered(Guid.Parse(user.Id), user.Email!, roles) { TenantId = user.TenantId }, cancellationToken);

    public Task RolesChangedAsync(AppUser user, IReadOnlyList<string> roles, CancellationToken cancellationToken) =>
        StageAsync(new UserRolesChanged(Guid.Parse(user.Id), roles) { TenantId = user.TenantId }, cancellationToken);

    public Task LockChangedAsync(AppUser user, DateTimeOffset? lockedUntil, CancellationToken cancellationToken) =>
        StageAsync(new UserLockChanged(Guid.Parse(user.Id), lockedUntil is not null, lockedUntil) { TenantId = user.TenantId }, cancellationToken);

    // The user's own tenant, named explicitly: sign-up and a platform admin's tenant creation act for it from outside.
    private async Task StageAsync<T>(T @event, CancellationToken cancellationToken) where T : IntegrationEvent
    {
        outbox.Stage(Topics.UserEvents, @event);
        await db.SaveChangesAsync(cancellationToken);
    }
}
