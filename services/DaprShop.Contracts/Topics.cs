namespace DaprShop.Contracts;

/// <summary>Pub/sub topics, one per aggregate (docs/events.md).</summary>
public static class Topics
{
    public const string UserEvents = "user-events";
    public const string ProductEvents = "product-events";
    public const string InventoryEvents = "inventory-events";
    public const string OrderEvents = "order-events";
    public const string PaymentEvents = "payment-events";
    public const string ShippingEvents = "shipping-events";
    public const string ReviewEvents = "review-events";
    public const string NotificationEvents = "notification-events";
}
