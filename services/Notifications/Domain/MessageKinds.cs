namespace DaprShop.Notifications.Domain;

/// <summary>
/// What a message is about, one per event that notifies. Transactional kinds carry what a customer must be told about
/// their money and orders: they always go by email, whatever the preferences say (a customer may add channels).
/// </summary>
internal static class MessageKinds
{
    public const string Welcome = "welcome";
    public const string OrderConfirmed = "order_confirmed";
    public const string OrderShipped = "order_shipped";
    public const string OrderDelivered = "order_delivered";
    public const string PaymentFailed = "payment_failed";
    public const string Refund = "refund";

    public static readonly IReadOnlyList<string> All = [Welcome, OrderConfirmed, OrderShipped, OrderDelivered, PaymentFailed, Refund];

    public static readonly IReadOnlySet<string> Transactional = new HashSet<string>(StringComparer.Ordinal) { OrderConfirmed, PaymentFailed, Refund };

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);
}

/// <summary>How a message reaches its recipient; each is a Dapr output binding.</summary>
internal static class Channels
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Webhook = "webhook";

    public static readonly IReadOnlyList<string> All = [Email, Sms, Webhook];

    public static bool IsKnown(string? channel) => channel is not null && All.Contains(channel, StringComparer.Ordinal);
}

/// <summary>Where a message is in its life: waiting for a (next) send, sent, or given up on after the last attempt.</summary>
internal static class MessageStatuses
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Dead = "dead";
}
