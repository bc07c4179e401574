using DaprShop.Inventory.Data;
using DaprShop.Inventory.Reservations;
using DaprShop.Inventory.Stock;

namespace DaprShop.Inventory.Apis;

/// <summary>What the inventory endpoints need, as one <c>[AsParameters]</c> argument.</summary>
internal sealed record InventoryServices(
    InventoryDb Db,
    StockAdjustments Adjustments,
    ReservationBook Reservations,
    TimeProvider Clock,
    HttpContext Http,
    CancellationToken CancellationToken);
