namespace DaprShop.Ordering.Downstream;

/// <summary>The services ordering calls, by Dapr app id.</summary>
internal static class AppIds
{
    public const string Users = "users";
    public const string Catalog = "catalog";
    public const string Inventory = "inventory";
    public const string Payment = DaprShop.Contracts.Payment.PaymentRoutes.AppId;
    public const string Shipping = DaprShop.Contracts.Shipping.ShippingRoutes.AppId;

    /// <summary>Read at placement (not by the saga): the lines of a checkout of the customer's cart.</summary>
    public const string Cart = DaprShop.Contracts.Cart.CartRoutes.AppId;

    public static readonly string[] All = [Users, Catalog, Inventory, Payment, Shipping, Cart];
}
