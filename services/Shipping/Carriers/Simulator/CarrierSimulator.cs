using System.Collections.Concurrent;
using System.Globalization;
using DaprShop.Contracts.Shipping;
using DaprShop.Shipping.Webhooks;
using Microsoft.Extensions.Options;

namespace DaprShop.Shipping.Carriers.Simulator;

/// <summary>
/// A parcel carrier in the shipping process, behaving like a real one: it quotes per service level, sells labels
/// (honouring idempotency keys: the same key answers the first label, never a second), voids labels before pick-up,
/// and moves every parcel along its tracking timeline on the app's clock — picked up (in transit), out for delivery,
/// delivered, a step every <see cref="SimulatorOptions.StepSeconds"/>, with an exception on the way for a share of
/// parcels — telling shipping each step by a signed webhook, some of which it loses. Its ledger lives in memory: a
/// restart of shipping forgets labels and parcels, as if the carrier's sandbox had been reset.
/// </summary>
internal sealed class CarrierSimulator : ICarrier, IDisposable
{
    public const string CarrierName = "simulator";

    readonly SimulatorOptions _options;
    readonly TimeProvider _clock;
    readonly SimulatorWebhooks _webhooks;
    readonly Random _random;
    readonly ConcurrentDictionary<string, IdempotentCall> _keys = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, SimParcel> _parcels = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, SimParcel> _byLabel = new(StringComparer.Ordinal);
    readonly List<ITimer> _timers = [];
    long _labels;
    long _lost;
    long _calls;
    int _slowCalls;
    long _slowByMs;
    volatile bool _down;

    public CarrierSimulator(IOptions<SimulatorOptions> options, TimeProvider clock, SimulatorWebhooks webhooks)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _clock = clock;
        _webhooks = webhooks;
        _random = _options.Seed is { } seed ? new Random(seed) : new Random();
    }

    public string Name => CarrierName;

    /// <summary>
    /// An outage switch: while true every call fails before it takes effect (as a carrier that does not answer). For
    /// tests and demos of the dispatch queue; a real carrier's outage is not ours to switch.
    /// </summary>
    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    /// <summary>
    /// The next <paramref name="calls"/> calls take <paramref name="by"/> longer (real time), past a caller's timeout say:
    /// a switch for tests and demos, like <see cref="Down"/>.
    /// </summary>
    public void SlowNext(int calls, TimeSpan by)
    {
        Interlocked.Exchange(ref _slowByMs, (long)by.TotalMilliseconds);
        Interlocked.Exchange(ref _slowCalls, calls);
    }

    /// <summary>Calls that reached the carrier (an open breaker in front of it keeps this still).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Labels sold (not calls: a retried key counts once).</summary>
    public long LabelCount => Interlocked.Read(ref _labels);

    /// <summary>Tracking webhooks the simulator dropped on purpose (<see cref="SimulatorOptions.LostUpdateRate"/>).</summary>
    public long LostUpdates => Interlocked.Read(ref _lost);

    /// <summary>Whether a label was sold under this idempotency key (tests: a cancelled or queued shipment bought none).</summary>
    public bool Sold(string idempotencyKey) => _keys.TryGetValue(idempotencyKey, out var call) && call.Label.IsValueCreated;

    /// <summary>The simulator's parcel for a tracking number: its current status and whether its label was voided.</summary>
    public (string Status, bool Voided)? Find(string trackingNumber) =>
        _parcels.TryGetValue(trackingNumber, out var p) ? (p.Status, p.Voided) : null;

    public async Task<IReadOnlyList<RateQuote>> QuoteAsync(int items, CancellationToken ct)
    {
        await CallAsync(ct);
        return [.. ServiceLevels.All.Select(level => Quote(level, items))];
    }

    /// <summary>The simulator's tariff: a base price per level and a little per item (README's table).</summary>
    public RateQuote Quote(string serviceLevel, int items) => serviceLevel == ServiceLevels.Express
        ? new RateQuote(ServiceLevels.Express, 9.90m + 1.00m * Math.Max(items, 1), _options.Currency, 1)
        : new RateQuote(ServiceLevels.Standard, 4.90m + 0.50m * Math.Max(items, 1), _options.Currency, 3);

    public async Task<Label> PurchaseLabelAsync(LabelRequest request, string idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        await CallAsync(ct);
        var failure = Draw() < _options.FailureRate ? (Draw() < 0.5 ? Failure.Before : Failure.After) : Failure.None;
        if (failure == Failure.Before) throw new CarrierUnavailableException("simulated outage before the label was bought");

        var fingerprint = string.Create(CultureInfo.InvariantCulture, $"label|{request.ServiceLevel}|{request.Items}");
        var call = _keys.GetOrAdd(idempotencyKey, _ => new IdempotentCall(fingerprint, () => Sell(request)));
        if (!string.Equals(call.Fingerprint, fingerprint, StringComparison.Ordinal)) throw new CarrierIdempotencyConflictException(idempotencyKey);
        // Concurrent calls with one key wait for the first and share its label: it is sold once.
        var label = call.Label.Value;
        if (failure == Failure.After) throw new CarrierUnavailableException("simulated outage: the label was bought, the answer was lost");
        return label;
    }

    public async Task<bool> VoidLabelAsync(string labelId, CancellationToken ct)
    {
        await CallAsync(ct);
        if (Draw() < _options.FailureRate) throw new CarrierUnavailableException("simulated outage while voiding");
        if (!_byLabel.TryGetValue(labelId, out var parcel)) return true; // nothing sold under it: nothing to void
        lock (parcel)
        {
            if (parcel.Status != ShipmentStatuses.LabelPurchased && !parcel.Voided) return false;
            parcel.Voided = true;
            return true;
        }
    }

    public async Task<TrackingState?> TrackAsync(string trackingNumber, CancellationToken ct)
    {
        await CallAsync(ct);
        if (!_parcels.TryGetValue(trackingNumber, out var parcel)) return null;
        lock (parcel) return new TrackingState(parcel.Status, parcel.Detail, parcel.UpdatedAt);
    }

    public string TrackingUrl(string trackingNumber) => _options.TrackingUrlBase + Uri.EscapeDataString(trackingNumber);

    Label Sell(LabelRequest request)
    {
        var quote = Quote(request.ServiceLevel, request.Items);
        var labelId = "lbl_" + Guid.NewGuid().ToString("N");
        var tracking = "SIM" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        var parcel = new SimParcel(tracking, request.Metadata, _clock.GetUtcNow());
        _parcels[tracking] = parcel;
        _byLabel[labelId] = parcel;
        Interlocked.Increment(ref _labels);

        var step = TimeSpan.FromSeconds(_options.StepSeconds);
        Schedule(parcel, step, ShipmentStatuses.InTransit, "Picked up by the carrier");
        if (Draw() < _options.ExceptionRate)
            Schedule(parcel, step * 1.5, ShipmentStatuses.Exception, "Delayed: held at the depot");
        Schedule(parcel, step * 2, ShipmentStatuses.OutForDelivery, "Out for delivery");
        Schedule(parcel, step * 3, ShipmentStatuses.Delivered, "Delivered");
        return new Label(labelId, tracking, quote.ServiceLevel, quote.Amount, quote.Currency);
    }

    void Schedule(SimParcel parcel, TimeSpan after, string status, string detail)
    {
        var timer = _clock.CreateTimer(_ => Advance(parcel, status, detail), null, after, Timeout.InfiniteTimeSpan);
        lock (_timers) _timers.Add(timer);
    }

    /// <summary>The parcel's next step, told by webhook (unless this update is one the simulator loses).</summary>
    void Advance(SimParcel parcel, string status, string detail)
    {
        var now = _clock.GetUtcNow();
        lock (parcel)
        {
            if (parcel.Voided) return;
            parcel.Status = status;
            parcel.Detail = detail;
            parcel.UpdatedAt = now;
        }

        if (Draw() < _options.LostUpdateRate)
        {
            Interlocked.Increment(ref _lost);
            return;
        }

        _webhooks.Send(new CarrierWebhook("evt_" + Guid.NewGuid().ToString("N"), CarrierWebhooks.TrackingUpdated, now.ToUnixTimeSeconds(),
            new TrackingData(parcel.TrackingNumber, status, detail, now.ToUnixTimeSeconds(), parcel.Metadata)));
    }

    async Task CallAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        var latency = _options.LatencyMilliseconds;
        if (Volatile.Read(ref _slowCalls) > 0 && Interlocked.Decrement(ref _slowCalls) >= 0) latency += (int)Interlocked.Read(ref _slowByMs);
        if (latency > 0) await Task.Delay(latency, ct);
        if (_down) throw new CarrierUnavailableException("the carrier does not answer");
    }

    double Draw()
    {
        lock (_random) return _random.NextDouble();
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

    sealed class IdempotentCall(string fingerprint, Func<Label> sell)
    {
        public string Fingerprint { get; } = fingerprint;
        public Lazy<Label> Label { get; } = new(sell, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    sealed class SimParcel(string trackingNumber, IReadOnlyDictionary<string, string> metadata, DateTimeOffset at)
    {
        public string TrackingNumber { get; } = trackingNumber;
        public IReadOnlyDictionary<string, string> Metadata { get; } = metadata;
        public string Status { get; set; } = ShipmentStatuses.LabelPurchased;
        public string? Detail { get; set; }
        public DateTimeOffset UpdatedAt { get; set; } = at;
        public bool Voided { get; set; }
    }
}
