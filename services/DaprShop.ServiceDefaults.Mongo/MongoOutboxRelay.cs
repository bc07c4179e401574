using System.Text;
using Dapr;
using Dapr.Client;
using DaprShop.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MongoDB.Driver;

namespace DaprShop.ServiceDefaults.Mongo;

/// <summary>
/// Sends a MongoDB outbox to Dapr pub/sub, as the kit's relay does for PostgreSQL outboxes: a message is claimed with
/// one atomic findOneAndUpdate that pushes its next attempt a lease ahead (replicas never send it at the same time),
/// marked sent after a successful publish, retried with back-off otherwise. At-least-once: a crash between publish and
/// mark resends it after the lease, and subscribers drop the duplicate by event id.
/// </summary>
public sealed partial class MongoOutboxRelay<TStore>(TStore store, DaprClient dapr, TimeProvider clock, ILogger<MongoOutboxRelay<TStore>> logger)
    : BackgroundService
    where TStore : IMongoOutboxStore
{
    static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await SendNextAsync(stoppingToken)) await Task.Delay(IdlePoll, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is MongoException or TimeoutException)
            {
                LogRelayFailed(logger, e);
                await Task.Delay(IdlePoll, clock, stoppingToken);
            }
        }
    }

    /// <summary>Claims and sends one due message; false when none is due.</summary>
    public async Task<bool> SendNextAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var f = Builders<MongoOutboxMessage>.Filter;
        var message = await store.Outbox.FindOneAndUpdateAsync(
            f.And(f.Eq(m => m.SentAt, null), f.Lte(m => m.NextAttemptAt, now)),
            Builders<MongoOutboxMessage>.Update.Set(m => m.NextAttemptAt, now + Lease),
            new FindOneAndUpdateOptions<MongoOutboxMessage> { Sort = Builders<MongoOutboxMessage>.Sort.Ascending(m => m.OccurredAt) },
            cancellationToken);
        if (message is null) return false;
        try
        {
            var metadata = new Dictionary<string, string> { ["cloudevent.type"] = message.EventType, ["cloudevent.id"] = message.Id.ToString() };
            await dapr.PublishByteEventAsync(Components.PubSub, message.Topic, Encoding.UTF8.GetBytes(message.Payload), "application/json", metadata,
                cancellationToken);
            await store.Outbox.UpdateOneAsync(f.Eq(m => m.Id, message.Id),
                Builders<MongoOutboxMessage>.Update.Set(m => m.SentAt, clock.GetUtcNow()).Set(m => m.LastError, null), cancellationToken: cancellationToken);
        }
        catch (DaprException e)
        {
            var attempts = message.Attempts + 1;
            var backoff = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(attempts, 9))));
            await store.Outbox.UpdateOneAsync(f.Eq(m => m.Id, message.Id),
                Builders<MongoOutboxMessage>.Update.Set(m => m.Attempts, attempts).Set(m => m.NextAttemptAt, clock.GetUtcNow() + backoff)
                    .Set(m => m.LastError, e.Message.Length > 1000 ? e.Message[..1000] : e.Message), cancellationToken: cancellationToken);
            LogSendFailed(logger, message.EventType, message.Id, attempts, e);
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The MongoDB outbox relay failed; retrying")]
    static partial void LogRelayFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {EventType} {EventId} failed (attempt {Attempts}); retrying later")]
    static partial void LogSendFailed(ILogger logger, string eventType, Guid eventId, int attempts, Exception e);
}
