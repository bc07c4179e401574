using DaprShop.Ordering.Data;
using DaprShop.Ordering.Downstream;
using DaprShop.Ordering.Placement;
using DaprShop.Ordering.Saga;
using Microsoft.Extensions.Options;

namespace DaprShop.Ordering.Apis;

/// <summary>What the order endpoints need, as one <c>[AsParameters]</c> argument.</summary>
internal sealed record OrderServices(
    OrderingDb Db,
    OrderPlacement Placement,
    OrderCommands Commands,
    SagaStarter Sagas,
    CartReader Cart,
    ILogger<OrderServices> Log,
    IOptions<OrderingOptions> Options,
    HttpContext Http,
    TimeProvider Clock,
    CancellationToken CancellationToken);
