namespace DaprShop.Payment.Providers.Simulator;

/// <summary>One authorisation at the simulated provider: its rules, each decided under its own lock.</summary>
internal sealed class SimAuthorization(
    string id, decimal amount, string currency, CardBehaviour behaviour, IReadOnlyDictionary<string, string> metadata, bool pending)
{
    const string Pending = "pending";
    const string Authorized = "authorized";
    const string Captured = "captured";
    const string Voided = "voided";
    const string Failed = "failed";

    readonly Lock _lock = new();
    string _status = pending ? Pending : Authorized;
    decimal _captured;
    decimal _refunded;
    int _captures;

    public string Id { get; } = id;
    public decimal Amount { get; } = amount;
    public string Currency { get; } = currency;
    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata;

    public SimAuthorizationView View()
    {
        lock (_lock) return new(_status, _status is Pending or Failed ? 0 : Amount, _captured, _refunded, _captures);
    }

    /// <summary>Decides a pending authorisation: true approved, false declined, null if it is no longer pending (voided).</summary>
    public bool? Resolve()
    {
        lock (_lock)
        {
            if (_status != Pending) return null;
            var approved = behaviour != CardBehaviour.PendingThenDecline;
            _status = approved ? Authorized : Failed;
            return approved;
        }
    }

    public ProviderResult Capture(decimal amount, ref long counter)
    {
        lock (_lock)
        {
            if (_status != Authorized)
                return ProviderResult.Declined("authorization_not_capturable", $"The authorization is {_status}.");
            if (amount <= 0 || amount > Amount)
                return ProviderResult.Declined("amount_too_large", "A capture cannot exceed the authorized amount.");
            if (behaviour == CardBehaviour.CaptureFails)
            {
                _status = Failed;
                return ProviderResult.Declined("capture_failed", "The issuer refused the capture.");
            }

            _status = Captured;
            _captured = amount;
            _captures++;
            Interlocked.Increment(ref counter);
            return new(ProviderOutcome.Succeeded, "cap_" + Guid.NewGuid().ToString("N"));
        }
    }

    public ProviderResult Void()
    {
        lock (_lock)
        {
            if (_status is Authorized or Pending)
            {
                _status = Voided;
                return new(ProviderOutcome.Succeeded, "void_" + Guid.NewGuid().ToString("N"));
            }

            return _status == Voided
                ? new(ProviderOutcome.Succeeded, null)
                : ProviderResult.Declined("authorization_not_voidable", $"The authorization is {_status}.");
        }
    }

    public ProviderResult Refund(decimal amount, ref long counter)
    {
        lock (_lock)
        {
            if (_status != Captured)
                return ProviderResult.Declined("charge_not_refundable", $"The authorization is {_status}.");
            if (amount <= 0 || _refunded + amount > _captured)
                return ProviderResult.Declined("amount_too_large", "Refunds cannot exceed the captured amount.");
            _refunded += amount;
            Interlocked.Increment(ref counter);
            return new(ProviderOutcome.Succeeded, "re_" + Guid.NewGuid().ToString("N"));
        }
    }
}
