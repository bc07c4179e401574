using System.Collections.Concurrent;
using System.Globalization;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace DaprShop.Gateway.RateLimiting;

/// <summary>The outcome for a request: the decision of its tightest counter (or the refusing one) and that counter.</summary>
internal sealed record RateLimitResult(RateLimitDecision Decision, RateLimitTarget Target)
{
    public bool Allowed => Decision.Allowed;
}

/// <summary>
/// Sliding-window counters in the Dapr state store, shared by every gateway replica. A charge is a compare-and-set:
/// count + 1 written with the ETag of the count the decision was made on (first-write when the key is new); if another
/// replica wrote in between, the write fails, the counter is read again and the decision made again. So two replicas
/// can never both let the request past the limit through, and a refused request writes nothing.
/// <para>
/// Within one replica a request holds its counters' gates (<see cref="CounterSlot"/>) while it charges them, and keeps
/// what it wrote: the next request decides on that and writes at once, with the ETag the store will have given the
/// write (Redis versions count up by one; <see cref="RateLimitOptions.PredictETags"/>). In the steady state a request
/// costs one round of conditional writes (its counters in parallel) and no read; a refused one costs nothing.
/// </para>
/// </summary>
internal sealed class StateStoreRateLimiter(DaprClient dapr, TimeProvider clock, IOptionsMonitor<RateLimitOptions> options)
{
    static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite };

    readonly ConcurrentDictionary<string, CounterSlot> _slots = new(StringComparer.Ordinal);
    long _charges;

    sealed record Charge(RateLimitTarget Target, WindowPosition Position, CounterSlot Slot)
    {
        public string Key => Target.Key(Position.Index);
        public bool Written { get; set; }
        public RateLimitDecision Decision { get; set; }
    }

    /// <summary>Charges the request to every target; refused when any target refuses it.</summary>
    /// <exception cref="DaprException">The state store could not be read or written (not a conflict).</exception>
    public async Task<RateLimitResult> AcquireAsync(IReadOnlyList<RateLimitTarget> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var charges = targets.Select(t => new Charge(t, SlidingWindow.Locate(now, t.Rule.Window), SlotOf(t, now))).ToList();

        // Gates in one global order, so two requests sharing counters cannot wait for each other.
        var gated = charges.OrderBy(c => c.Target.SlotKey, StringComparer.Ordinal).ToList();
        var held = 0;
        try
        {
            foreach (var c in gated)
            {
                await c.Slot.Gate.WaitAsync(cancellationToken);
                held++;
            }
            return await ChargeAsync(settings, charges, cancellationToken);
        }
        finally
        {
            for (var i = 0; i < held; i++) gated[i].Slot.Gate.Release();
            Prune(now);
        }
    }

    async Task<RateLimitResult> ChargeAsync(RateLimitOptions settings, List<Charge> charges, CancellationToken ct)
    {
        await ReadAsync(settings.StateStore, charges.Where(c => c.Slot.Window != c.Position.Index).ToList(), withPrevious: true, ct);
        for (var attempt = 1; ; attempt++)
        {
            foreach (var c in charges.Where(c => !c.Written))
            {
                c.Decision = SlidingWindow.Decide(c.Target.Rule.Limit, c.Target.Rule.Window, c.Slot.Previous, c.Slot.Current, c.Position.Elapsed);
                if (!c.Decision.Allowed) return new RateLimitResult(c.Decision, c.Target);
            }

            var pending = charges.Where(c => !c.Written).ToList();
            var written = await Task.WhenAll(pending.Select(c => TryWriteAsync(settings, c, ct)));
            var conflicts = pending.Where((c, i) => !written[i]).ToList();
            if (conflicts.Count == 0)
            {
                var tightest = charges.MinBy(c => c.Decision.Remaining)!;
                return new RateLimitResult(tightest.Decision, tightest.Target);
            }

            if (attempt >= settings.MaxAttempts)
            {
                // So many other writers on one counter that this request never got its turn: refuse it rather than guess.
                var c = conflicts[0];
                return new RateLimitResult(c.Decision with { Allowed = false, Remaining = 0, RetryAfter = TimeSpan.FromSeconds(1) }, c.Target);
            }
            await ReadAsync(settings.StateStore, conflicts, withPrevious: false, ct);
        }
    }

    /// <summary>Reads the counters (and their previous windows) of <paramref name="charges"/> in one bulk call.</summary>
    async Task ReadAsync(string store, List<Charge> charges, bool withPrevious, CancellationToken ct)
    {
        if (charges.Count == 0) return;
        var keys = charges.SelectMany(c => withPrevious ? new[] { c.Key, c.Target.Key(c.Position.Index - 1) } : [c.Key]).Distinct().ToList();
        var items = (await dapr.GetBulkStateAsync(store, keys, parallelism: null, cancellationToken: ct))
            .ToDictionary(i => i.Key, i => (Count: Parse(i.Value), ETag: i.ETag), StringComparer.Ordinal);
        foreach (var c in charges)
        {
            var (count, etag) = items.GetValueOrDefault(c.Key);
            c.Slot.Current = count;
            c.Slot.ETag = string.IsNullOrEmpty(etag) ? null : etag;
            if (withPrevious) c.Slot.Previous = items.GetValueOrDefault(c.Target.Key(c.Position.Index - 1)).Count;
            c.Slot.Window = c.Position.Index;
        }
    }

    async Task<bool> TryWriteAsync(RateLimitOptions settings, Charge c, CancellationToken ct)
    {
        var metadata = new Dictionary<string, string> { ["ttlInSeconds"] = c.Target.TimeToLiveSeconds };
        var next = c.Slot.Current + 1;
        var value = next.ToString(CultureInfo.InvariantCulture);
        bool ok;
        try
        {
            if (c.Slot.ETag is { } etag)
            {
                ok = await dapr.TrySaveStateAsync(settings.StateStore, c.Key, value, etag, FirstWrite, metadata, ct);
            }
            else
            {
                // A new counter: first-write without an ETag succeeds only while the key does not exist (every counter
                // is saved under first-write, and daprd's Redis store refuses a plain save only on such a key).
                ok = await TryCreateAsync(settings.StateStore, c.Key, value, metadata, ct);
            }
        }
        catch (DaprException e) when (e.InnerException is RpcException { StatusCode: StatusCode.Aborted })
        {
            ok = false;
        }
        catch
        {
            c.Slot.Forget();
            throw;
        }

        if (!ok) return false;
        c.Written = true;
        c.Slot.Current = next;
        c.Slot.ETag = settings.PredictETags ? NextETag(c.Slot.ETag) : null;
        if (c.Slot.ETag is null) c.Slot.Forget();
        return true;
    }

    async Task<bool> TryCreateAsync(string store, string key, string value, Dictionary<string, string> metadata, CancellationToken ct)
    {
        try
        {
            await dapr.SaveStateAsync(store, key, value, FirstWrite, metadata, ct);
            return true;
        }
        catch (DaprException e) when (e.InnerException is RpcException { StatusCode: StatusCode.Internal })
        {
            // daprd answers the refusal of a first-write save that had no ETag with Internal, as it answers a failing
            // store (it is no ETag error, so not Aborted): the key existing now tells another replica's creation
            // (a conflict: read it again) from a failure.
            var (_, etag) = await dapr.GetStateAndETagAsync<string>(store, key, cancellationToken: ct);
            if (string.IsNullOrEmpty(etag)) throw;
            return false;
        }
    }

    /// <summary>The ETag a store with counting versions gives the next write (Redis: 1 for a new key, then +1).</summary>
    static string? NextETag(string? etag) =>
        etag is null ? "1"
        : long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? (version + 1).ToString(CultureInfo.InvariantCulture)
        : null;

    CounterSlot SlotOf(RateLimitTarget target, DateTimeOffset now)
    {
        var slot = _slots.GetOrAdd(target.SlotKey, _ => new CounterSlot());
        slot.LastUsed = now.UtcTicks;
        slot.WindowTicks = target.Rule.Window.Ticks;
        return slot;
    }

    /// <summary>Now and then, drops what this replica knows of counters idle for two windows (it is only a guess anyway).</summary>
    void Prune(DateTimeOffset now)
    {
        if (Interlocked.Increment(ref _charges) % 4096 != 0) return;
        foreach (var (key, slot) in _slots)
            if (slot.LastUsed < now.UtcTicks - 2 * slot.WindowTicks && slot.Gate.CurrentCount == 1)
                _slots.TryRemove(key, out _);
    }

    // Counters are stored as JSON strings ("17"): the bulk read returns raw JSON.
    static long Parse(string? value)
    {
        if (string.IsNullOrEmpty(value)) return 0;
        var text = value.Trim('"');
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }
}
