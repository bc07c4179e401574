namespace DaprShop.Notifications;

/// <summary>The <c>Notifications</c> section.</summary>
internal sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>The output bindings of the channels (components/common/notification-*.yaml).</summary>
    public string EmailBinding { get; set; } = "email";

    public string SmsBinding { get; set; } = "sms";

    public string WebhookBinding { get; set; } = "customer-webhooks";

    /// <summary>The sender of a tenant that has not set its own (admins set it: <c>PUT /api/v1/notifications/sender</c>).</summary>
    public string DefaultFromAddress { get; set; } = "shop@daprshop.local";

    public string DefaultFromName { get; set; } = "DaprShop";

    /// <summary>Failed sends of one message before it is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait after the first failed send; doubles per attempt up to <see cref="RetryMaxSeconds"/>.</summary>
    public int RetryFirstSeconds { get; set; } = 30;

    public int RetryMaxSeconds { get; set; } = 900;

    /// <summary>Messages the sweep sends per run (each in its own short transaction).</summary>
    public int SweepBatch { get; set; } = 50;

    /// <summary>
    /// How long an event that names an order or customer not known yet (its <c>OrderCreated</c> or
    /// <c>UserRegistered</c> still on its way: pub/sub keeps no order) is redelivered before it is dropped.
    /// </summary>
    public int WaitForPrerequisitesSeconds { get; set; } = 3600;

    /// <summary>Where a shop's links point (the storefront), for the templates' <c>shop.url</c>.</summary>
    public string ShopUrl { get; set; } = "http://127.0.0.1:8080";
}
