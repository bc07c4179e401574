using DaprShop.Inventory.Domain;

namespace DaprShop.Inventory.Apis.Requests;

public sealed record StockResponse(string Sku, long OnHand, long Reserved, long Available, long LowStockThreshold, bool Low,
    DateTimeOffset UpdatedAt)
{
    public static StockResponse From(StockItem s) => new(s.Sku, s.OnHand, s.Reserved, s.Available, s.LowStockThreshold,
        s.LowStockThreshold > 0 && s.Available < s.LowStockThreshold, s.UpdatedAt);
}

/// <summary>A ledger line: the deltas, the figures before and after, who, why and when.</summary>
public sealed record MovementResponse(Guid Id, string Sku, string Kind, long OnHandDelta, long ReservedDelta,
    long OnHandBefore, long OnHandAfter, long ReservedBefore, long ReservedAfter, string Reason, string Actor,
    Guid? OrderId, Guid? AdjustmentId, DateTimeOffset OccurredAt)
{
    public static MovementResponse From(StockMovement m) => new(m.Id, m.Sku, m.Kind, m.OnHandDelta, m.ReservedDelta,
        m.OnHandAfter - m.OnHandDelta, m.OnHandAfter, m.ReservedAfter - m.ReservedDelta, m.ReservedAfter, m.Reason, m.Actor,
        m.OrderId, m.AdjustmentId, m.OccurredAt);
}

/// <summary>An adjustment's answer: its ledger line and the SKU's stock now.</summary>
public sealed record AdjustmentResponse(MovementResponse Movement, StockResponse Stock);

public sealed record SettingsResponse(int ReservationMinutes, bool IsDefault);
