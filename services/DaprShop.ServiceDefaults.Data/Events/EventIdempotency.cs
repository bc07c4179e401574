using Microsoft.EntityFrameworkCore;

namespace DaprShop.ServiceDefaults.Events;

/// <summary>The service's processed-event records, in the DbContext its handlers write to.</summary>
internal interface IEventIdempotency
{
    Task<bool> HandleOnceAsync(Guid eventId, string handler, Func<CancellationToken, Task> apply, CancellationToken ct);
}

/// <summary>Runs every delivery: for handlers idempotent by themselves (<see cref="IntegrationEventsExtensions.AddSelfIdempotentEventHandling"/>).</summary>
internal sealed class UnrecordedEventHandling : IEventIdempotency
{
    public async Task<bool> HandleOnceAsync(Guid eventId, string handler, Func<CancellationToken, Task> apply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(apply);
        await apply(ct);
        return true;
    }
}

internal sealed class EventIdempotency(DbContext db, TimeProvider clock) : IEventIdempotency
{
    public Task<bool> HandleOnceAsync(Guid eventId, string handler, Func<CancellationToken, Task> apply, CancellationToken ct) =>
        db.HandleOnceAsync(eventId, handler, apply, clock, ct);
}
