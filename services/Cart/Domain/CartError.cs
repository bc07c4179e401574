namespace DaprShop.Cart.Domain;

/// <summary>Why a change to a cart was refused; each has its own problem type (Apis/CartProblems.cs).</summary>
internal enum CartError
{
    None,
    ProductNotFound,
    ProductInactive,
    MixedCurrency,
    QuantityLimit,
    LineLimit,
    NotEnoughStock,
    LineNotFound,
}
