using System.Text;
using Dapr;
using Dapr.Client;
using DaprShop.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DaprShop.ServiceDefaults.Events;

/// <summary>
/// Sends committed outbox rows to Dapr pub/sub, oldest first, and marks them sent. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so replicas share the work without sending a row twice at once; a failed send
/// is retried with back-off. Delivery stays at-least-once (a crash after publish and before the mark resends),
/// which handlers absorb by event id.
/// </summary>
internal sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes, DaprClient dapr, OutboxSignal signal, TimeProvider time, ILogger<OutboxRelay<TContext>> logger)
    : BackgroundService where TContext : DbContext
{
    const int BatchSize = 50;
    static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(5);
    static readonly TimeSpan SentRetention = TimeSpan.FromDays(7);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendBatchAsync(stoppingToken) == BatchSize) { }
                await signal.WaitAsync(IdlePoll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A relay that dies loses every later event; whatever failed, log it and try the next round.
            catch (Exception e)
#pragma warning restore CA1031
            {
                // Typically the database is unavailable or not yet migrated.
                LogRelayFailed(logger, e);
                await Task.Delay(IdlePoll, time, stoppingToken);
            }
        }
    }

    /// <summary>Sends one batch of due messages; returns how many were claimed.</summary>
    internal async Task<int> SendBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var due = await db.Set<OutboxMessage>()
            .FromSql($"""
                SELECT * FROM outbox_messages
                WHERE "SentAt" IS NULL AND "NextAttemptAt" <= {now}
                ORDER BY "OccurredAt" LIMIT {BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        foreach (var message in due)
        {
            try
            {
                var metadata = new Dictionary<string, string> { ["cloudevent.type"] = message.EventType, ["cloudevent.id"] = message.Id.ToString() };
                await dapr.PublishByteEventAsync(Components.PubSub, message.Topic, Encoding.UTF8.GetBytes(message.Payload),
                    "application/json", metadata, ct);
                message.SentAt = time.GetUtcNow();
                message.LastError = null;
            }
            catch (DaprException e)
            {
                message.Attempts++;
                message.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                message.NextAttemptAt = time.GetUtcNow() + Backoff(message.Attempts);
                LogSendFailed(logger, message.EventType, message.Id, message.Attempts, e);
            }
        }
        await db.Database.ExecuteSqlAsync($"""DELETE FROM outbox_messages WHERE "SentAt" < {now - SentRetention}""", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return due.Count;
    }

    static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(attempts, 9))));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay round failed; retrying")]
    static partial void LogRelayFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {EventType} {EventId} failed (attempt {Attempts}); will retry")]
    static partial void LogSendFailed(ILogger logger, string eventType, Guid eventId, int attempts, Exception e);
}
