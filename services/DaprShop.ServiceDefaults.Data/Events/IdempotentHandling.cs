using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DaprShop.ServiceDefaults.Events;

public static class IdempotentHandling
{
    /// <summary>Adds the processed-events table (key: event id + handler) to a service's model.</summary>
    public static ModelBuilder AddProcessedEvents(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProcessedEvent>(e =>
        {
            e.ToTable("processed_events");
            e.HasKey(p => new { p.EventId, p.Handler });
            e.Property(p => p.Handler).HasMaxLength(200);
        });
        return modelBuilder;
    }

    /// <summary>
    /// Runs a handler's writes and records the event id in the same transaction. A redelivered event (pub/sub
    /// is at-least-once) finds its id recorded and changes nothing; two concurrent deliveries race on the key
    /// and the loser rolls back. Returns whether this delivery applied the event.
    /// </summary>
    public static async Task<bool> HandleOnceAsync(this DbContext db, Guid eventId, string handler,
        Func<CancellationToken, Task> apply, TimeProvider time, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await db.Set<ProcessedEvent>().AnyAsync(p => p.EventId == eventId && p.Handler == handler, ct)) return false;
            await apply(ct);
            db.Set<ProcessedEvent>().Add(new ProcessedEvent { EventId = eventId, Handler = handler, ProcessedAt = time.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return false;
            }
            await tx.CommitAsync(ct);
            return true;
        });
    }
}
