namespace DaprShop.Payment.Providers;

/// <summary>
/// A card provider (Stripe, Adyen, … or the built-in <see cref="Simulator.CardSimulator"/>). Every money-moving call
/// carries an idempotency key: the same key answers the first call's result again and never moves money twice, also
/// when the first call's answer was lost. An outage throws <see cref="PaymentProviderUnavailableException"/>; a
/// business refusal is a <see cref="ProviderOutcome.Declined"/> result.
/// </summary>
internal interface IPaymentProvider
{
    /// <summary>The only place a card number goes. Answers a token, or the reason the card is refused.</summary>
    Task<TokenizeResult> TokenizeAsync(CardDetails card, CancellationToken ct);

    /// <summary>Holds the amount on the card; <see cref="ProviderOutcome.Pending"/> when the answer comes later by webhook.</summary>
    Task<ProviderResult> AuthorizeAsync(AuthorizeCommand command, string idempotencyKey, CancellationToken ct);

    /// <summary>Takes (up to) the authorised amount, once.</summary>
    Task<ProviderResult> CaptureAsync(string authorizationId, decimal amount, string idempotencyKey, CancellationToken ct);

    /// <summary>Releases an authorisation (also a pending one) that was not captured.</summary>
    Task<ProviderResult> VoidAsync(string authorizationId, string idempotencyKey, CancellationToken ct);

    /// <summary>Gives back part or all of a capture; the provider refuses more than was captured in total.</summary>
    Task<ProviderResult> RefundAsync(string authorizationId, decimal amount, string idempotencyKey, CancellationToken ct);
}

/// <summary>What a card holder types. Lives for one request; never stored, logged or echoed.</summary>
internal sealed record CardDetails(string Number, int ExpMonth, int ExpYear, string Cvc, string? HolderName)
{
    // A record prints its members; this one must not, wherever it ends up (a log message, a debugger, an exception).
    public override string ToString() => "CardDetails { Number = ****, Cvc = *** }";
}

internal sealed record TokenizeResult(string? Token, string Brand, string Last4, string? ErrorCode, string? ErrorMessage)
{
    public bool Succeeded => Token is not null;
}

/// <param name="Metadata">Echoed on the webhooks about this authorisation (tenant and order, so payment finds its row).</param>
internal sealed record AuthorizeCommand(string Token, decimal Amount, string Currency, IReadOnlyDictionary<string, string> Metadata);

internal enum ProviderOutcome
{
    Succeeded,
    Pending,
    Declined,
}

/// <param name="Reference">The provider's id of the authorisation, capture, void or refund.</param>
internal sealed record ProviderResult(ProviderOutcome Outcome, string? Reference, string? DeclineCode = null, string? DeclineMessage = null)
{
    public static ProviderResult Declined(string code, string message, string? reference = null) => new(ProviderOutcome.Declined, reference, code, message);
}

/// <summary>The provider could not be reached or failed; the call may or may not have taken effect. Retry with the same key.</summary>
internal sealed class PaymentProviderUnavailableException(string message) : Exception(message);

/// <summary>The same idempotency key was sent with other parameters: a bug of the caller, never a retry.</summary>
internal sealed class ProviderIdempotencyConflictException(string key) : Exception($"Idempotency key '{key}' was used with other parameters.");
