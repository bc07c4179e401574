namespace DaprShop.Contracts.Reviews;

/// <summary>
/// The approved-review summary of a product after a change (an approval, an approved review edited, rejected or deleted).
/// Carries the whole state, so a consumer keeps the newest and needs no history: <see cref="Version"/> grows by one
/// at every change of the product's summary, and a consumer ignores an event whose version is not newer than what it
/// has (delivery is at-least-once and unordered). <see cref="Distribution"/> holds the count of 1..5-star reviews,
/// index 0 = one star; <see cref="Average"/> is rounded to two decimals, 0 when <see cref="Count"/> is 0.
/// </summary>
public sealed record ProductRatingChanged(Guid ProductId, decimal Average, int Count, IReadOnlyList<int> Distribution, long Version)
    : IntegrationEvent;
