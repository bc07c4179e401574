using DaprShop.Catalog.Caching;
using DaprShop.Catalog.Data;
using DaprShop.Catalog.Domain;
using DaprShop.Contracts.Reviews;
using DaprShop.ServiceDefaults.Events;

namespace DaprShop.Catalog.IntegrationEvents;

/// <summary>
/// Keeps the product's rating (for search's sort and <c>minRating</c> filter) at the reviews service's newest summary.
/// Idempotent and order-tolerant by the event's version: the store applies it only when newer than the one it has,
/// so a redelivery or a late older event changes nothing. A product catalog does not have is left alone.
/// </summary>
internal sealed class ProductRatingChangedHandler(IProductStore store, ProductCache cache) : IIntegrationEventHandler<ProductRatingChanged>
{
    public async Task HandleAsync(ProductRatingChanged @event, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (@event.Version < 1 || @event.Count < 0 || @event.Average is < 0m or > 5m)
            throw new PermanentEventFailureException($"ProductRatingChanged for {@event.ProductId} is out of range");
        var average = @event.Count == 0 ? 0m : Math.Round(@event.Average, 2, MidpointRounding.AwayFromZero);
        if (await store.ApplyRatingAsync(@event.ProductId, new Rating(average, @event.Count), @event.Version, ct))
            await cache.InvalidateAsync(@event.TenantId, @event.ProductId, ct);
    }
}
