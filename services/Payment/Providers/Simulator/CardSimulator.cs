using System.Collections.Concurrent;
using System.Globalization;
using DaprShop.Payment.Domain;
using DaprShop.Payment.Webhooks;
using Microsoft.Extensions.Options;

namespace DaprShop.Payment.Providers.Simulator;

/// <summary>
/// A card provider in the payment process, behaving like a real one: it tokenises cards (keeping only what the test
/// card's number decided, never the number), holds authorisations, captures at most what it authorised, voids,
/// refunds at most what it captured, and honours idempotency keys as Stripe does (the same key answers the first
/// result; another request under the same key is refused). Pending cards get their result later by a signed webhook.
/// Its ledger lives in memory: a restart of payment forgets tokens and authorisations, as if the provider's test mode
/// had been reset.
/// </summary>
internal sealed class CardSimulator : IPaymentProvider, IDisposable
{
    readonly SimulatorOptions _options;
    readonly TimeProvider _clock;
    readonly SimulatorWebhooks _webhooks;
    readonly Random _random;
    readonly ConcurrentDictionary<string, SimCard> _cards = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, SimAuthorization> _authorizations = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, IdempotentCall> _keys = new(StringComparer.Ordinal);
    readonly List<ITimer> _timers = [];
    long _captures;
    long _refunds;
    long _authorizationsMade;

    public CardSimulator(IOptions<SimulatorOptions> options, TimeProvider clock, SimulatorWebhooks webhooks)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _clock = clock;
        _webhooks = webhooks;
        _random = _options.Seed is { } seed ? new Random(seed) : new Random();
    }

    /// <summary>Captures that took money (not calls: a retried key counts once). For tests and the fault runs' audit.</summary>
    public long CaptureCount => Interlocked.Read(ref _captures);

    public long RefundCount => Interlocked.Read(ref _refunds);

    public long AuthorizationCount => Interlocked.Read(ref _authorizationsMade);

    /// <summary>What the simulator holds for an authorisation: (status, authorised, captured, refunded, captures).</summary>
    public SimAuthorizationView? Find(string authorizationId) =>
        _authorizations.TryGetValue(authorizationId, out var a) ? a.View() : null;

    public async Task<TokenizeResult> TokenizeAsync(CardDetails card, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(card);
        await LatencyAsync(ct);
        var digits = Cards.Digits(card.Number);
        if (digits is null || !Cards.PassesLuhn(digits))
            return new(null, CardBrands.Unknown, "", "incorrect_number", "The card number is not a valid card number.");
        var brand = Cards.BrandOf(digits);
        var last4 = Cards.Last4(digits);
        if (brand == CardBrands.Unknown)
            return new(null, brand, last4, "unsupported_brand", "This card brand is not accepted.");
        if (Cards.IsExpired(card.ExpMonth, card.ExpYear, _clock.GetUtcNow()))
            return new(null, brand, last4, "expired_card", "The card has expired.");
        if (card.Cvc.Length != Cards.CvcLength(brand) || !card.Cvc.All(char.IsAsciiDigit))
            return new(null, brand, last4, "incorrect_cvc", "The card's security code is not valid.");

        var token = "tok_" + Guid.NewGuid().ToString("N");
        _cards[token] = new SimCard(brand, last4, TestCards.BehaviourOf(digits));
        return new(token, brand, last4, null, null);
    }

    public Task<ProviderResult> AuthorizeAsync(AuthorizeCommand command, string idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var fingerprint = string.Create(CultureInfo.InvariantCulture, $"authorize|{command.Token}|{Norm(command.Amount)}|{command.Currency}");
        return IdempotentAsync(idempotencyKey, fingerprint, () => Authorize(command), ct);
    }

    public Task<ProviderResult> CaptureAsync(string authorizationId, decimal amount, string idempotencyKey, CancellationToken ct) =>
        IdempotentAsync(idempotencyKey, string.Create(CultureInfo.InvariantCulture, $"capture|{authorizationId}|{Norm(amount)}"), () =>
            WithAuthorization(authorizationId, a => a.Capture(amount, ref _captures)), ct);

    public Task<ProviderResult> VoidAsync(string authorizationId, string idempotencyKey, CancellationToken ct) =>
        IdempotentAsync(idempotencyKey, $"void|{authorizationId}", () => WithAuthorization(authorizationId, a => a.Void()), ct);

    public Task<ProviderResult> RefundAsync(string authorizationId, decimal amount, string idempotencyKey, CancellationToken ct) =>
        IdempotentAsync(idempotencyKey, string.Create(CultureInfo.InvariantCulture, $"refund|{authorizationId}|{Norm(amount)}"), () =>
            WithAuthorization(authorizationId, a => a.Refund(amount, ref _refunds)), ct);

    ProviderResult Authorize(AuthorizeCommand command)
    {
        if (!_cards.TryGetValue(command.Token, out var card))
            return ProviderResult.Declined("invalid_token", "No such card token.");
        if (command.Amount <= 0)
            return ProviderResult.Declined("invalid_amount", "The amount must be positive.");

        var id = "auth_" + Guid.NewGuid().ToString("N");
        switch (card.Behaviour)
        {
            case CardBehaviour.Decline:
                return ProviderResult.Declined("card_declined", "The card was declined.", id);
            case CardBehaviour.InsufficientFunds:
                return ProviderResult.Declined("insufficient_funds", "The card has insufficient funds.", id);
            case CardBehaviour.ExpiredCard:
                return ProviderResult.Declined("expired_card", "The card has expired.", id);
            case CardBehaviour.ProcessingError:
                // Never takes effect: a provider that keeps failing for this card (the key is not remembered for a throw).
                throw new PaymentProviderUnavailableException("processing_error: the provider could not process the card");
        }

        var pending = card.Behaviour is CardBehaviour.PendingThenApprove or CardBehaviour.PendingThenDecline;
        var authorization = new SimAuthorization(id, command.Amount, command.Currency, card.Behaviour, command.Metadata, pending);
        _authorizations[id] = authorization;
        if (!pending)
        {
            Interlocked.Increment(ref _authorizationsMade);
            return new(ProviderOutcome.Succeeded, id);
        }

        var timer = _clock.CreateTimer(_ => Resolve(authorization), null, TimeSpan.FromSeconds(_options.PendingDelaySeconds), Timeout.InfiniteTimeSpan);
        lock (_timers) _timers.Add(timer);
        return new(ProviderOutcome.Pending, id);
    }

    /// <summary>The pending card's result, decided now and sent by webhook (unless it was voided meanwhile).</summary>
    void Resolve(SimAuthorization authorization)
    {
        var outcome = authorization.Resolve();
        if (outcome is null) return;
        if (outcome.Value) Interlocked.Increment(ref _authorizationsMade);
        var data = new WebhookData(authorization.Id, authorization.Amount, authorization.Currency,
            outcome.Value ? null : "card_declined", outcome.Value ? null : "The card was declined after authentication.", authorization.Metadata);
        var message = new WebhookMessage("evt_" + Guid.NewGuid().ToString("N"),
            outcome.Value ? WebhookTypes.AuthorizationSucceeded : WebhookTypes.AuthorizationFailed, _clock.GetUtcNow().ToUnixTimeSeconds(), data);
        _webhooks.Send(message, duplicate: Draw() < _options.DuplicateWebhookRate);
    }

    ProviderResult WithAuthorization(string authorizationId, Func<SimAuthorization, ProviderResult> action) =>
        _authorizations.TryGetValue(authorizationId, out var a) ? action(a) : ProviderResult.Declined("resource_missing", "No such authorization.");

    async Task<ProviderResult> IdempotentAsync(string key, string fingerprint, Func<ProviderResult> effect, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await LatencyAsync(ct);
        var failure = Draw() < _options.TransientFailureRate ? (Draw() < 0.5 ? Failure.Before : Failure.After) : Failure.None;
        if (failure == Failure.Before) throw new PaymentProviderUnavailableException("simulated outage before the call took effect");

        var call = _keys.GetOrAdd(key, _ => new IdempotentCall(fingerprint, effect));
        if (!string.Equals(call.Fingerprint, fingerprint, StringComparison.Ordinal)) throw new ProviderIdempotencyConflictException(key);
        ProviderResult result;
        try
        {
            // Concurrent calls with one key wait for the first and share its answer: the effect runs once.
            result = call.Result.Value;
        }
        catch (PaymentProviderUnavailableException)
        {
            // It took no effect, so the key is not bound to it: a retry runs again.
            _keys.TryRemove(KeyValuePair.Create(key, call));
            throw;
        }

        if (failure == Failure.After) throw new PaymentProviderUnavailableException("simulated outage: the call took effect, the answer was lost");
        return result;
    }

    /// <summary>An amount without its scale: 100, 100.0 and 100.000 are one request.</summary>
    static string Norm(decimal amount) => amount.ToString("0.############################", CultureInfo.InvariantCulture);

    double Draw()
    {
        lock (_random) return _random.NextDouble();
    }

    async Task LatencyAsync(CancellationToken ct)
    {
        if (_options.LatencyMilliseconds > 0) await Task.Delay(_options.LatencyMilliseconds, ct);
    }

    public void Dispose()
    {
        lock (_timers)
        {
            foreach (var t in _timers) t.Dispose();
            _timers.Clear();
        }
    }

    enum Failure
    {
        None,
        Before,
        After,
    }

    sealed class IdempotentCall(string fingerprint, Func<ProviderResult> effect)
    {
        public string Fingerprint { get; } = fingerprint;
        public Lazy<ProviderResult> Result { get; } = new(effect, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A tokenised card: the brand, the last four and the behaviour its number chose. Not the number.</summary>
    sealed record SimCard(string Brand, string Last4, CardBehaviour Behaviour);
}

internal sealed record SimAuthorizationView(string Status, decimal Authorized, decimal Captured, decimal Refunded, int Captures);
