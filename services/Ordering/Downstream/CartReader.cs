using System.Net;
using DaprShop.Contracts.Cart;

namespace DaprShop.Ordering.Downstream;

/// <summary>
/// Reads the customer's cart from cart (its <c>RequireServiceCaller("ordering")</c> route, through Dapr invocation for
/// the tenant) when an order is placed without explicit lines. Only the products and quantities: ordering prices the
/// lines from catalog like any other order.
/// </summary>
internal sealed class CartReader(ServiceInvoker invoker)
{
    /// <summary>The cart's lines, merged per product; empty for an empty (or no) cart.</summary>
    /// <exception cref="DependencyUnavailableException">cart could not answer, or refused (a 4xx is a misconfiguration here).</exception>
    public async Task<IReadOnlyList<(Guid ProductId, int Quantity)>> LinesAsync(Guid tenantId, Guid userId, CancellationToken ct)
    {
        var answer = await invoker.SendAsync(AppIds.Cart, HttpMethod.Get, CartRoutes.Contents(userId), tenantId, null, ct);
        if (answer.Status != HttpStatusCode.OK || answer.Body is null)
            throw new DependencyUnavailableException(AppIds.Cart, $"reading the cart answered {(int)answer.Status} {answer.ProblemDetail}");
        var contents = answer.Read<CartContents>();
        return [.. (contents.Lines ?? []).Where(l => l.Quantity > 0).Select(l => (l.ProductId, l.Quantity))];
    }
}
