using DaprShop.Contracts;
using DaprShop.Contracts.Users;
using DaprShop.Identity.Domain;
using DaprShop.ServiceDefaults.Correlation;
using DaprShop.ServiceDefaults.Events;

namespace DaprShop.Identity.IntegrationEvents;

/// <summary>
/// Publishes user events to <c>user-events</c> after the database commit that caused them.
/// A publish failure is logged, not thrown: the user's change is already committed and the caller should see it
/// succeed. That leaves a window where an event is lost (crash or broker outage between commit and publish);
/// the follow-up is a transactional outbox (rows written in the same transaction, relayed by a background sender).
/// </summary>
internal sealed class UserEventPublisher(
    IIntegrationEventPublisher publisher,
    ICorrelationContext correlation,
    TimeProvider clock,
    ILogger<UserEventPublisher> logger)
{
    public Task RegisteredAsync(AppUser user, IReadOnlyList<string> roles, CancellationToken cancellationToken) =>
        PublishAsync(new UserRegistered(Guid.Parse(user.Id), user.Email!, roles)
        {
            TenantId = user.TenantId,
            CorrelationId = correlation.CorrelationId,
            OccurredAt = clock.GetUtcNow(),
        }, cancellationToken);

    public Task RolesChangedAsync(AppUser user, IReadOnlyList<string> roles, CancellationToken cancellationToken) =>
        PublishAsync(new UserRolesChanged(Guid.Parse(user.Id), roles)
        {
            TenantId = user.TenantId,
            CorrelationId = correlation.CorrelationId,
            OccurredAt = clock.GetUtcNow(),
        }, cancellationToken);

    public Task LockChangedAsync(AppUser user, DateTimeOffset? lockedUntil, CancellationToken cancellationToken) =>
        PublishAsync(new UserLockChanged(Guid.Parse(user.Id), lockedUntil is not null, lockedUntil)
        {
            TenantId = user.TenantId,
            CorrelationId = correlation.CorrelationId,
            OccurredAt = clock.GetUtcNow(),
        }, cancellationToken);

    private async Task PublishAsync<T>(T @event, CancellationToken cancellationToken) where T : IntegrationEvent
    {
        try
        {
            await publisher.PublishAsync(Topics.UserEvents, @event, cancellationToken);
        }
#pragma warning disable CA1031 // The commit stands; losing the event is logged (see the class comment: outbox is the follow-up).
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Publishing {EventType} {EventId} to {Topic} failed", typeof(T).Name, @event.EventId, Topics.UserEvents);
        }
    }
}
