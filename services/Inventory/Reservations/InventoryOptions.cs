namespace DaprShop.Inventory.Reservations;

/// <summary>The <c>Inventory</c> configuration section.</summary>
internal sealed class InventoryOptions
{
    public const string Section = "Inventory";

    /// <summary>How long a reservation holds stock when the tenant has not set its own time.</summary>
    public int DefaultReservationMinutes { get; set; } = 15;

    /// <summary>At most this many expired reservations released per firing of the sweep (the next firing takes the rest).</summary>
    public int ExpirySweepBatch { get; set; } = 500;
}
