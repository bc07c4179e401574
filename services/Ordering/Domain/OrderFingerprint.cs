using System.Security.Cryptography;
using System.Text;

namespace DaprShop.Ordering.Domain;

/// <summary>
/// SHA-256 of what makes two placements the same order: the customer, the addresses, the payment-method token and the
/// lines merged by product and sorted. Order of lines, a product split over two lines, and letter case of ids do not
/// make two requests differ; a different quantity does.
/// </summary>
internal static class OrderFingerprint
{
    public static string Of(Guid customerId, Guid shippingAddressId, Guid billingAddressId, string paymentMethodToken,
        IEnumerable<(Guid ProductId, int Quantity)> lines)
    {
        var merged = Merge(lines);
        var text = new StringBuilder()
            .Append(customerId.ToString("N")).Append('\n')
            .Append(shippingAddressId.ToString("N")).Append('\n')
            .Append(billingAddressId.ToString("N")).Append('\n')
            .Append(paymentMethodToken.Trim()).Append('\n');
        foreach (var (productId, quantity) in merged)
            text.Append(productId.ToString("N")).Append('×').Append(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The lines with one entry per product (quantities added), sorted by product id.</summary>
    public static IReadOnlyList<(Guid ProductId, int Quantity)> Merge(IEnumerable<(Guid ProductId, int Quantity)> lines) =>
        [.. lines.GroupBy(l => l.ProductId).Select(g => (g.Key, g.Sum(l => l.Quantity))).OrderBy(l => l.Key)];
}
