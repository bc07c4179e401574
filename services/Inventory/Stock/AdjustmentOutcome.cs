using DaprShop.Inventory.Domain;

namespace DaprShop.Inventory.Stock;

internal enum AdjustmentResult
{
    /// <summary>Applied now.</summary>
    Applied,
    /// <summary>The adjustment id was applied before with the same content: its ledger line, nothing changed.</summary>
    Replayed,
    /// <summary>The adjustment id was applied before with other content.</summary>
    IdReused,
    /// <summary>The tenant does not stock the SKU (correct, write-off).</summary>
    NotFound,
    /// <summary>The result would leave on hand below reserved (or below zero, or above the maximum).</summary>
    WouldBreakStock,
}

internal sealed record AdjustmentOutcome(AdjustmentResult Result, StockMovement? Movement = null, StockItem? Stock = null);
