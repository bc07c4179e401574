using DaprShop.Cart.Domain;

namespace DaprShop.Cart.Actors;

// The messages to and from the actor are public: the SDK's non-remoting dispatch reads a method's result through
// `dynamic` from its own assembly, which sees Task<T> of an internal T only as Task (no result).

/// <summary>One call to a cart actor: the tenant it is made for (checked against the actor's id) and the change's arguments.</summary>
public sealed record CartCommand(Guid TenantId)
{
    public Guid? ProductId { get; init; }
    public int? Quantity { get; init; }
    public string? GuestCartId { get; init; }

    /// <summary>A confirmed order checked out of this cart, and what it took (<see cref="ICartActor.CheckOutAsync"/>).</summary>
    public Guid? OrderId { get; init; }
    public IReadOnlyList<DaprShop.Contracts.Ordering.OrderedLine>? OrderedLines { get; init; }

    /// <summary>The request's <c>Idempotency-Key</c> (storage id) and fingerprint, on every change made for a client.</summary>
    public string? IdempotencyId { get; init; }
    public string? Fingerprint { get; init; }
}

/// <summary>
/// What a cart call came to, as the HTTP answer it becomes: a status with the cart, or a problem. Successful changes
/// are kept whole under their Idempotency-Key and returned again (<see cref="Replayed"/>) for the same request.
/// </summary>
public sealed record CartOutcome(int Status)
{
    public CartState? Cart { get; init; }
    public string? GuestCartId { get; init; }

    /// <summary>A confirmed order checked out of this cart, and what it took (<see cref="ICartActor.CheckOutAsync"/>).</summary>
    public Guid? OrderId { get; init; }
    public IReadOnlyList<DaprShop.Contracts.Ordering.OrderedLine>? OrderedLines { get; init; }
    public IReadOnlyList<MergeNote>? MergeNotes { get; init; }
    public string? ProblemType { get; init; }
    public string? Title { get; init; }
    public string? Detail { get; init; }
    public bool Replayed { get; init; }

    public bool IsSuccess => Status is >= 200 and < 300;

    public static CartOutcome Ok(CartState cart, int status = StatusCodes.Status200OK) => new(status) { Cart = cart };

    public static CartOutcome Problem(int status, string type, string title, string detail) =>
        new(status) { ProblemType = type, Title = title, Detail = detail };
}

/// <summary>A successful change's answer kept under its Idempotency-Key, with the request's fingerprint.</summary>
internal sealed record StoredOutcome(string Fingerprint, CartOutcome Outcome);
