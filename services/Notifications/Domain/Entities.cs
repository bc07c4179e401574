using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Notifications.Domain;

/// <summary>
/// How to reach a user: the email from identity's <c>UserRegistered</c> (later events name only the customer id), and
/// the phone number and webhook URL the user gives in their preferences.
/// </summary>
internal sealed class Contact : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? WebhookUrl { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A user's own choice for one kind of message on one channel (without one, <see cref="Preferences.Default"/>).</summary>
internal sealed class Preference : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public string Kind { get; set; } = "";
    public string Channel { get; set; } = "";
    public bool Enabled { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A tenant's own template for a kind and channel, in place of the built-in one (Liquid).</summary>
internal sealed class MessageTemplate : ITenantOwned
{
    public Guid TenantId { get; set; }
    public string Kind { get; set; } = "";
    public string Channel { get; set; } = "";

    /// <summary>The subject line (email only).</summary>
    public string? Subject { get; set; }

    public string Body { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Who a tenant's mails come from.</summary>
internal sealed class SenderIdentity : ITenantOwned
{
    public Guid TenantId { get; set; }
    public string FromAddress { get; set; } = "";
    public string FromName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>What <c>OrderCreated</c> told about an order: whose it is and its number (<c>OrderConfirmed</c> carries neither).</summary>
internal sealed class KnownOrder : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid OrderId { get; set; }
    public string Number { get; set; } = "";
    public Guid CustomerId { get; set; }
}

/// <summary>
/// One message for one event on one channel (unique per tenant, event id and channel: a redelivered event makes no
/// second one), rendered when the event arrived, then sent, retried with back-off, or dead-lettered.
/// </summary>
internal sealed class Message : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid EventId { get; set; }
    public string Kind { get; set; } = "";
    public string Channel { get; set; } = "";
    public Guid UserId { get; set; }

    /// <summary>The email address, phone number or webhook URL it goes to.</summary>
    public string Recipient { get; set; } = "";

    public string? Subject { get; set; }
    public string Body { get; set; } = "";

    /// <summary>The sender, for email ("Name &lt;address&gt;").</summary>
    public string? From { get; set; }

    /// <summary>One of <see cref="MessageStatuses"/>.</summary>
    public string Status { get; set; } = MessageStatuses.Pending;

    /// <summary>Failed sends since it was created (or last re-sent by an admin).</summary>
    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? DeadAt { get; set; }
}

/// <summary>One try at sending a message: when, and what came of it (the message's delivery log).</summary>
internal sealed class DeliveryAttempt : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid MessageId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary><c>sent</c>, <c>failed</c>, <c>dead_lettered</c> or <c>resend_requested</c>.</summary>
    public string Outcome { get; set; } = "";

    public string? Error { get; set; }
}
