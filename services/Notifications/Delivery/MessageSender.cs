using System.Text;
using System.Text.Json;
using Dapr;
using Dapr.Client;
using DaprShop.Notifications.Data;
using DaprShop.Notifications.Domain;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaprShop.Notifications.Delivery;

/// <summary>What one send did.</summary>
internal enum SendOutcome
{
    Sent,
    Failed,
    DeadLettered,
}

/// <summary>
/// Sends one pending message through its channel's Dapr output binding and writes what came of it to the delivery log.
/// The message is claimed across tenants with <c>FOR UPDATE SKIP LOCKED</c> in its own short transaction and its own
/// scope (acting for its tenant), so the send right after the event, the sweep and other replicas never send it twice at
/// once. A failed binding call (the SMTP server refused, the SMS gateway is down) counts an attempt and waits with
/// back-off; the last allowed attempt dead-letters it for an admin to re-send.
/// </summary>
internal sealed partial class MessageSender(
    IServiceScopeFactory scopes, DaprClient dapr, IOptions<NotificationsOptions> options, TimeProvider clock, ILogger<MessageSender> logger)
{
    /// <summary>Sends <paramref name="messageId"/> now if it is pending and no one else holds it; never throws (the sweep retries).</summary>
    public async Task TrySendAsync(Guid messageId, CancellationToken ct)
    {
        try
        {
            await SendOneAsync(messageId, ct);
        }
#pragma warning disable CA1031 // after the commit, whatever failed is the sweep's to retry: the message is durable and pending
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogImmediateSendFailed(logger, messageId, e);
        }
    }

    /// <summary>Sends the pending message <paramref name="messageId"/>, or (null) the one due longest; null result: nothing to send.</summary>
    public async Task<SendOutcome?> SendOneAsync(Guid? messageId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDb>();
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = messageId is { } id
            ? await db.Database.SqlQuery<Claimed>($"""
                SELECT id AS "Id", tenant_id AS "TenantId" FROM messages
                 WHERE id = {id} AND status = {MessageStatuses.Pending} AND next_attempt_at <= {now}
                 FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct)
            : await db.Database.SqlQuery<Claimed>($"""
                SELECT id AS "Id", tenant_id AS "TenantId" FROM messages
                 WHERE status = {MessageStatuses.Pending} AND next_attempt_at <= {now}
                 ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct);
        if (claimed is not [var c]) return null;

        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(c.TenantId);
        var message = await db.Messages.SingleAsync(m => m.Id == c.Id, ct);
        SendOutcome outcome;
        string? error = null;
        try
        {
            await dapr.InvokeBindingAsync(Request(message), ct);
            outcome = SendOutcome.Sent;
        }
        catch (DaprException e)
        {
            error = Describe(e);
            outcome = SendOutcome.Failed;
        }

        var at = clock.GetUtcNow();
        var o = options.Value;
        if (outcome == SendOutcome.Sent)
        {
            message.Status = MessageStatuses.Sent;
            message.SentAt = at;
            message.LastError = null;
            db.Attempts.Add(new DeliveryAttempt { MessageId = message.Id, At = at, Outcome = "sent" });
        }
        else
        {
            message.Attempts++;
            message.LastError = error;
            db.Attempts.Add(new DeliveryAttempt { MessageId = message.Id, At = at, Outcome = "failed", Error = error });
            if (Backoff.IsExhausted(message.Attempts, o.MaxAttempts))
            {
                message.Status = MessageStatuses.Dead;
                message.DeadAt = at;
                db.Attempts.Add(new DeliveryAttempt { MessageId = message.Id, At = at, Outcome = "dead_lettered", Error = $"gave up after {message.Attempts} attempts" });
                outcome = SendOutcome.DeadLettered;
                LogDeadLettered(logger, message.Id, message.Kind, message.Channel, message.Attempts);
            }
            else
            {
                message.NextAttemptAt = at + Backoff.After(message.Attempts, o.RetryFirstSeconds, o.RetryMaxSeconds);
                LogSendFailed(logger, message.Id, message.Channel, message.Attempts, error);
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return outcome;
    }

    BindingRequest Request(Message m)
    {
        var o = options.Value;
        switch (m.Channel)
        {
            case Channels.Email:
                return new BindingRequest(o.EmailBinding, "create")
                {
                    // Raw bytes, not DaprClient's JSON serialisation: the mail body is the HTML itself, not a JSON string.
                    Data = Encoding.UTF8.GetBytes(m.Body),
                    Metadata = { ["emailTo"] = m.Recipient, ["subject"] = m.Subject ?? "", ["emailFrom"] = m.From ?? o.DefaultFromAddress },
                };
            case Channels.Sms:
                return new BindingRequest(o.SmsBinding, "create")
                {
                    Data = JsonSerializer.SerializeToUtf8Bytes(new { to = m.Recipient, text = m.Body, messageId = m.Id }, JsonSerializerOptions.Web),
                    Metadata = { ["Content-Type"] = "application/json" },
                };
            default:
                return new BindingRequest(o.WebhookBinding, "create")
                {
                    Data = JsonSerializer.SerializeToUtf8Bytes(new
                    {
                        url = m.Recipient,
                        messageId = m.Id,
                        eventId = m.EventId,
                        kind = m.Kind,
                        subject = m.Subject,
                        text = m.Body,
                        occurredAt = m.CreatedAt,
                    }, JsonSerializerOptions.Web),
                    Metadata = { ["Content-Type"] = "application/json" },
                };
        }
    }

    static string Describe(DaprException e)
    {
        var text = e.InnerException is Grpc.Core.RpcException rpc ? rpc.Status.Detail : e.InnerException?.Message ?? e.Message;
        return text.Length > 500 ? text[..500] : text;
    }

    sealed record Claimed(Guid Id, Guid TenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending message {MessageId} right after its event failed; the sweep retries it")]
    static partial void LogImmediateSendFailed(ILogger logger, Guid messageId, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending message {MessageId} by {Channel} failed (attempt {Attempts}): {Error}; retrying later")]
    static partial void LogSendFailed(ILogger logger, Guid messageId, string channel, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} ({Kind} by {Channel}) dead-lettered after {Attempts} attempts")]
    static partial void LogDeadLettered(ILogger logger, Guid messageId, string kind, string channel, int attempts);
}
