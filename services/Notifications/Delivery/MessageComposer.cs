using DaprShop.Notifications.Data;
using DaprShop.Notifications.Domain;
using DaprShop.Notifications.Templates;
using DaprShop.ServiceDefaults.Data;
using DaprShop.ServiceDefaults.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaprShop.Notifications.Delivery;

/// <summary>
/// Turns one event into its messages, inside the event handler's transaction: one per channel the user's preferences
/// allow and an address exists for, rendered now with the tenant's template (or the built-in one) and sender. The unique
/// index on (tenant, event id, channel) makes a redelivered or concurrent twin event add nothing. Once the transaction
/// commits, each new message is sent at once (<see cref="MessageSender"/>); a failure leaves it to the sweep's retries.
/// </summary>
internal sealed class MessageComposer(
    NotificationsDb db, TemplateRenderer renderer, MessageSender sender, IOptions<NotificationsOptions> options, TimeProvider clock)
{
    public async Task ComposeAsync(Guid eventId, string kind, Guid userId, Dictionary<string, object?> model, CancellationToken ct)
    {
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == userId, ct);
        var choices = await db.Preferences.AsNoTracking().Where(p => p.UserId == userId && p.Kind == kind)
            .ToDictionaryAsync(p => (p.Kind, p.Channel), p => p.Enabled, ct);
        var channels = Preferences.ChannelsFor(kind, choices, !string.IsNullOrEmpty(contact?.Email),
            !string.IsNullOrEmpty(contact?.Phone), !string.IsNullOrEmpty(contact?.WebhookUrl));
        if (channels.Count == 0) return;

        var o = options.Value;
        var identity = await db.Senders.AsNoTracking().SingleOrDefaultAsync(ct);
        var fromName = identity?.FromName ?? o.DefaultFromName;
        var fromAddress = identity?.FromAddress ?? o.DefaultFromAddress;
        model["shop"] = new Dictionary<string, object?> { ["name"] = fromName, ["url"] = o.ShopUrl };
        model["user"] = new Dictionary<string, object?> { ["id"] = userId.ToString(), ["email"] = contact?.Email };

        var templates = await db.Templates.AsNoTracking().Where(t => t.Kind == kind).ToDictionaryAsync(t => t.Channel, ct);
        var now = clock.GetUtcNow();
        var created = new List<Guid>();
        foreach (var channel in channels)
        {
            var text = templates.TryGetValue(channel, out var own) ? new TemplateText(own.Subject, own.Body) : DefaultTemplates.For(kind, channel);
            var rendered = renderer.Render(text, channel, model);
            if (channel == Channels.Email && string.IsNullOrWhiteSpace(rendered.Subject))
            {
                // A mail needs a subject (the SMTP binding refuses one without): a tenant template without one, or one
                // that renders empty, takes the built-in subject.
                rendered = rendered with { Subject = renderer.Render(DefaultTemplates.For(kind, channel).Subject!, model, html: false).Trim() };
            }
            var message = new Message
            {
                Id = Guid.CreateVersion7(),
                EventId = eventId,
                Kind = kind,
                Channel = channel,
                UserId = userId,
                Recipient = channel switch
                {
                    Channels.Email => contact!.Email!,
                    Channels.Sms => contact!.Phone!,
                    _ => contact!.WebhookUrl!,
                },
                Subject = Truncate(rendered.Subject, 400),
                Body = rendered.Body,
                From = channel == Channels.Email ? SenderAddress.Format(fromName, fromAddress) : null,
                Status = MessageStatuses.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
            };
            db.Messages.Add(message);
            created.Add(message.Id);
        }

        // After the commit, never before: a rolled-back twin delivery sends nothing.
        db.RunAfterCommit(async ct2 =>
        {
            foreach (var id in created) await sender.TrySendAsync(id, ct2);
        });
    }

    static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}

/// <summary>An event names an order or customer this service has not heard of yet; the broker redelivers it.</summary>
internal sealed class PrerequisiteMissingException(string message) : Exception(message);

/// <summary>How long an event waits for what it names (its OrderCreated, its UserRegistered) before it is dropped.</summary>
internal sealed class PrerequisiteWait(IOptions<NotificationsOptions> options, TimeProvider clock)
{
    /// <summary>Throws the transient <see cref="PrerequisiteMissingException"/> (RETRY) while the event is young, a permanent failure (DROP) after.</summary>
    public Exception Missing(DaprShop.Contracts.IntegrationEvent e, string what)
    {
        ArgumentNullException.ThrowIfNull(e);
        var age = clock.GetUtcNow() - e.OccurredAt;
        var message = $"{e.EventType} {e.EventId}: {what} is not known yet";
        return age > TimeSpan.FromSeconds(options.Value.WaitForPrerequisitesSeconds)
            ? new PermanentEventFailureException(message + $" after {age.TotalSeconds:0} s; giving up")
            : new PrerequisiteMissingException(message);
    }
}
