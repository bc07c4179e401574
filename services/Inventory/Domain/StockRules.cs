using DaprShop.Contracts.Inventory;

namespace DaprShop.Inventory.Domain;

/// <summary>The bounds and rules of stock figures, shared by validation, the SQL and the events.</summary>
public static class StockRules
{
    /// <summary>Units of one SKU in one reservation line; more is a typo or an attack, not an order.</summary>
    public const int MaxLineQuantity = 1_000_000;

    /// <summary>Lines in one reservation.</summary>
    public const int MaxLines = 100;

    /// <summary>Units in one adjustment (and a counted on-hand figure).</summary>
    public const long MaxAdjustment = 1_000_000_000;

    /// <summary>On hand of one SKU: far beyond any warehouse, far below <see cref="long.MaxValue"/> (no overflow in SQL).</summary>
    public const long MaxOnHand = 1_000_000_000_000;

    public const long MaxThreshold = MaxOnHand;

    /// <summary>SKUs in one availability query.</summary>
    public const int MaxAvailabilitySkus = 200;

    public const int ReasonLength = 500;

    public const int MinReservationMinutes = 1;
    public const int MaxReservationMinutes = 7 * 24 * 60;

    /// <summary>
    /// Whether a change of available units from <paramref name="before"/> to <paramref name="after"/> crosses below the
    /// threshold: it was at or above it and now is below. Staying below (or a threshold of 0) alerts nobody again.
    /// </summary>
    public static bool CrossesBelowThreshold(long before, long after, long threshold) =>
        threshold > 0 && before >= threshold && after < threshold;

    /// <summary>Lines in the one order every statement touches them: by SKU, ordinal. Two reservations over the same
    /// SKUs lock their rows in the same order, so they wait for each other instead of deadlocking.</summary>
    public static IReadOnlyList<StockLine> Sorted(IEnumerable<StockLine> lines) =>
        [.. lines.OrderBy(l => l.Sku, StringComparer.Ordinal)];

    /// <summary>Whether two requests ask for the same thing (the same SKUs and quantities, in any order).</summary>
    public static bool SameLines(IEnumerable<StockLine> a, IEnumerable<StockLine> b) =>
        Sorted(a).SequenceEqual(Sorted(b));
}
