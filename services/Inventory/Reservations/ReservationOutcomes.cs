using DaprShop.Contracts.Inventory;

namespace DaprShop.Inventory.Reservations;

/// <summary>How a reserve, release or commit ended; the API turns it into a status, the event handlers into a log line.</summary>
internal enum ReservationResult
{
    /// <summary>This call changed the reservation (held, released or committed it).</summary>
    Applied,
    /// <summary>An earlier identical call already did: the same answer, nothing changed.</summary>
    AlreadyDone,
    /// <summary>No reservation for the order in this tenant.</summary>
    NotFound,
    /// <summary>The order id is reserved with other lines, or the reservation is in a state the call cannot leave.</summary>
    Conflict,
    /// <summary>A line does not fit the available stock: nothing was held.</summary>
    InsufficientStock,
}

/// <param name="Reservation">The reservation as it is now (null for <see cref="ReservationResult.NotFound"/> and a
/// refused reserve).</param>
/// <param name="Shortages">For <see cref="ReservationResult.InsufficientStock"/>: each line that did not fit.</param>
internal sealed record ReservationOutcome(ReservationResult Result, ReservationResponse? Reservation, IReadOnlyList<Shortage>? Shortages = null)
{
    public static ReservationOutcome NotFound { get; } = new(ReservationResult.NotFound, null);
}

/// <summary>A line of a refused reservation: what was asked and what is available now.</summary>
internal sealed record Shortage(string Sku, int Requested, long Available);
