namespace DaprShop.Inventory.Apis.Requests;

/// <summary>
/// <c>POST /api/v1/stock/{sku}/receive|correct|write-off</c>. <see cref="Quantity"/>: units received or written off
/// (≥ 1); for <c>correct</c>, the counted on-hand figure (≥ 0). <see cref="AdjustmentId"/> (optional, client-generated)
/// makes a retry safe: the same id and content answer the first result.
/// </summary>
public sealed record AdjustmentRequest(Guid? AdjustmentId, long? Quantity, string? Reason);

/// <summary><c>PUT /api/v1/stock/{sku}/threshold</c>: alert (LowStock) when available drops below this; 0 = never.</summary>
public sealed record ThresholdRequest(long? Threshold, string? Reason);

/// <summary><c>PUT /api/v1/settings</c>.</summary>
public sealed record SettingsRequest(int? ReservationMinutes);

/// <summary><c>GET /api/v1/reservations?status=held</c>.</summary>
public sealed record ReservationFilter(string? Status);
