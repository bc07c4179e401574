namespace DaprShop.Contracts.Cart;

/// <summary>
/// cart's service route for ordering (through Dapr invocation of app <c>cart</c>, tenant in <c>X-Tenant-ID</c>, no user
/// token): the lines of a customer's cart, read when an order is placed without explicit lines.
/// </summary>
public static class CartRoutes
{
    public const string AppId = "cart";

    /// <summary><c>GET</c> → 200 <see cref="CartContents"/> (no cart: no lines).</summary>
    public static string Contents(Guid userId) => $"/internal/v1/carts/{userId}";
}

/// <summary>
/// A customer's cart as ordering orders it: one entry per product with its quantity, in the cart's order. Prices are not
/// given: ordering prices every line from catalog. <paramref name="Version"/> counts the cart's changes (0: no cart).
/// </summary>
public sealed record CartContents(IReadOnlyList<CartContentLine> Lines, long Version);

public sealed record CartContentLine(Guid ProductId, int Quantity);
