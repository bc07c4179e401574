using System.Text.Json;
using DaprShop.Contracts;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.ServiceDefaults.Events;

public static class Outbox
{
    public const string Table = "outbox_messages";

    /// <summary>Adds the outbox table to a service's model.</summary>
    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable(Table);
            e.HasKey(m => m.Id);
            e.Property(m => m.Topic).HasMaxLength(200);
            e.Property(m => m.EventType).HasMaxLength(200);
            e.Property(m => m.Payload).HasColumnType("jsonb");
            // The relay's only query: what is still to send, oldest first.
            e.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        });
        return modelBuilder;
    }

    /// <summary>
    /// Stages an event for <paramref name="topic"/>; it is written by the caller's next <c>SaveChanges</c>, inside
    /// whatever transaction that runs in, and sent after commit by the relay.
    /// </summary>
    public static void AddToOutbox<TEvent>(this DbContext db, string topic, TEvent @event) where TEvent : IntegrationEvent =>
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            Id = @event.EventId,
            Topic = topic,
            EventType = @event.EventType,
            // The runtime type: an event staged through a base-typed reference still carries all of its fields.
            Payload = JsonSerializer.Serialize(@event, @event.GetType(), JsonSerializerOptions.Web),
            OccurredAt = @event.OccurredAt,
            NextAttemptAt = @event.OccurredAt,
        });
}
