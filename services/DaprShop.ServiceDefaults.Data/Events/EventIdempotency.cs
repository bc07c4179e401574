using Microsoft.EntityFrameworkCore;

namespace DaprShop.ServiceDefaults.Events;

/// <summary>The service's processed-event records, in the DbContext its handlers write to.</summary>
internal interface IEventIdempotency
{
    Task<bool> HandleOnceAsync(Guid eventId, string handler, Func<CancellationToken, Task> apply, CancellationToken ct);
}

internal sealed class EventIdempotency(DbContext db, TimeProvider clock) : IEventIdempotency
{
    public Task<bool> HandleOnceAsync(Guid eventId, string handler, Func<CancellationToken, Task> apply, CancellationToken ct) =>
        db.HandleOnceAsync(eventId, handler, apply, clock, ct);
}
