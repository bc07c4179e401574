using DaprShop.Contracts.Money;
using DaprShop.Ordering.Domain;

namespace DaprShop.Ordering.Apis.Requests;

internal sealed record OrderResponse(
    Guid Id,
    string Number,
    Guid CustomerId,
    string Status,
    string? StatusReason,
    Guid ShippingAddressId,
    Guid BillingAddressId,
    OrderTotal? Total,
    IReadOnlyList<OrderLineResponse> Lines,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<StatusChangeResponse>? History = null,
    AttentionResponse? Attention = null,
    bool FromCart = false)
{
    /// <param name="forStaff">Support and admin also see an attention flag (its reason names services and their errors).</param>
    public static OrderResponse From(Order o, bool withHistory, bool forStaff = false) => new(
        o.Id, o.Number, o.CustomerId, o.Status, o.StatusReason, o.ShippingAddressId, o.BillingAddressId,
        o.Total is { } t && o.Currency is { } c ? OrderTotal.Of(t, c) : null,
        [.. o.Lines.OrderBy(l => l.LineNo).Select(l => new OrderLineResponse(l.ProductId, l.Quantity, l.Sku, l.Name,
            l.UnitPrice is { } p && o.Currency is { } cur ? OrderTotal.Of(p, cur) : null))],
        o.CreatedAt, o.UpdatedAt,
        withHistory ? [.. o.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new StatusChangeResponse(h.FromStatus, h.ToStatus, h.Cause, h.Reason, h.At))] : null,
        forStaff ? AttentionResponse.Of(o) : null,
        o.FromCart);
}

/// <summary>
/// The saga could not finish giving back what it took: what is left and since when (staff only); <c>open</c> until an
/// admin resolved it, then with the resolution.
/// </summary>
internal sealed record AttentionResponse(string Reason, DateTimeOffset Since, bool Open, AttentionResolutionResponse? Resolution)
{
    public static AttentionResponse? Of(Order o) => o.NeedsAttention || o.AttentionResolvedAt is not null
        ? new(o.AttentionReason ?? "", o.AttentionAt ?? o.UpdatedAt, o.NeedsAttention,
            o.AttentionResolvedAt is { } at ? new(o.AttentionResolution ?? "", o.AttentionResolvedBy ?? Guid.Empty, at) : null)
        : null;
}

internal sealed record AttentionResolutionResponse(string Note, Guid By, DateTimeOffset At);

/// <summary>Money as docs/api-conventions.md writes it.</summary>
internal sealed record OrderTotal(decimal Amount, string Currency)
{
    /// <summary>At the currency's minor unit, as clients see money (the database keeps more decimals).</summary>
    public static OrderTotal Of(decimal amount, string currency) =>
        new(Currencies.IsKnown(currency) ? Currencies.Round(amount, currency) : amount, currency);
}

internal sealed record OrderLineResponse(Guid ProductId, int Quantity, string? Sku, string? Name, OrderTotal? UnitPrice);

internal sealed record StatusChangeResponse(string? From, string To, string Cause, string? Reason, DateTimeOffset At);
