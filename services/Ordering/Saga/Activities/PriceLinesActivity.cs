using Dapr.Workflow;
using DaprShop.Contracts.Catalog;
using DaprShop.Contracts.Inventory;
using DaprShop.Ordering.Data;
using DaprShop.Ordering.Domain;
using DaprShop.Ordering.Downstream;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Ordering.Saga.Activities;

/// <summary>
/// catalog's current price and status of every line (the client never sends a price): an unknown or inactive product,
/// or lines in more than one currency, refuse the order. The prices and the total are stored on the pending order; a
/// repeat prices again from catalog and writes the same or newer figures, which is what the next steps use.
/// </summary>
internal sealed class PriceLinesActivity(IServiceScopeFactory scopes, ServiceInvoker invoker) : WorkflowActivity<OrderRef, PricingResult>
{
    public override Task<PricingResult> RunAsync(WorkflowActivityContext context, OrderRef input) =>
        scopes.RunAsync(input.TenantId, async sp =>
        {
            var db = sp.GetRequiredService<OrderingDb>();
            var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == input.OrderId);
            var ids = order.Lines.Select(l => l.ProductId).Distinct().ToList();
            var answer = await invoker.SendAsync(AppIds.Catalog, HttpMethod.Post, "/internal/v1/products/lookup", input.TenantId,
                new ProductLookupRequest(ids), CancellationToken.None);
            if (!answer.IsSuccess)
                throw new DependencyUnavailableException(AppIds.Catalog, $"lookup answered {(int)answer.Status}: {answer.ProblemDetail}");
            var found = answer.Read<ProductLookupResponse>().Items.ToDictionary(p => p.Id);

            if (ids.FirstOrDefault(id => !found.ContainsKey(id)) is { } missing && missing != Guid.Empty)
                return Refused($"product {missing} does not exist");
            if (found.Values.FirstOrDefault(p => p.Status != ProductLookupItem.Active) is { } inactive)
                return Refused($"product {inactive.Sku} is not for sale ({inactive.Status})");
            var currencies = found.Values.Select(p => p.Price.Currency).Distinct(StringComparer.Ordinal).ToList();
            if (currencies.Count != 1) return Refused("the products are priced in different currencies");

            foreach (var line in order.Lines)
            {
                var product = found[line.ProductId];
                (line.Sku, line.Name, line.UnitPrice) = (product.Sku, product.Name, product.Price.Amount);
            }
            var total = order.Lines.Sum(l => l.UnitPrice!.Value * l.Quantity);
            if (order.Status == OrderStatus.Pending.ToCode())
            {
                (order.Total, order.Currency, order.UpdatedAt) = (total, currencies[0], sp.GetRequiredService<TimeProvider>().GetUtcNow());
                await db.SaveChangesAsync();
            }
            var stock = order.Lines.GroupBy(l => l.Sku!, StringComparer.Ordinal)
                .Select(g => new StockLine(g.Key, g.Sum(l => l.Quantity))).OrderBy(l => l.Sku, StringComparer.Ordinal).ToList();
            return new PricingResult(true, null, stock, total, currencies[0]);
        });

    static PricingResult Refused(string reason) => new(false, reason, [], 0, "");
}
