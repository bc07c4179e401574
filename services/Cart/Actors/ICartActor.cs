using Dapr.Actors;

namespace DaprShop.Cart.Actors;

/// <summary>
/// A cart (a user's or a guest's), one Dapr actor each: its calls run one at a time (turn-based), so concurrent changes
/// to one cart never lose an update. Called without remoting (JSON, one argument), by method name.
/// </summary>
internal interface ICartActor : IActor
{
    Task<CartOutcome> ViewAsync(CartCommand command);
    Task<CartOutcome> CreateAsync(CartCommand command);
    Task<CartOutcome> AddAsync(CartCommand command);
    Task<CartOutcome> SetQuantityAsync(CartCommand command);
    Task<CartOutcome> RemoveAsync(CartCommand command);
    Task<CartOutcome> ClearAsync(CartCommand command);
    Task<CartOutcome> MergeAsync(CartCommand command);

    /// <summary>A guest cart's lines for a merge, unchanged (404 when there is no such cart).</summary>
    Task<CartOutcome> PeekAsync(CartCommand command);

    /// <summary>The cart as it is, unchanged and not re-priced (an empty cart when there is none): ordering's checkout read.</summary>
    Task<CartOutcome> ContentsAsync(CartCommand command);

    /// <summary>
    /// Takes a confirmed order's quantities out of the cart, once per order id (a redelivered confirmation changes nothing).
    /// </summary>
    Task<CartOutcome> CheckOutAsync(CartCommand command);

    /// <summary>Deletes the cart, its backup and its schedules (after a merge).</summary>
    Task<CartOutcome> DeleteAsync(CartCommand command);
}
