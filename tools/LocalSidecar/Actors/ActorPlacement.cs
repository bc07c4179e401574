using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using DaprShop.LocalSidecar.Cluster;

namespace DaprShop.LocalSidecar.Actors;

/// <summary>
/// The cluster's actor placement and runtime: which app hosts each actor type (from its <c>/dapr/config</c>),
/// the table of active actors with their turn locks, idle deactivation, timers, and reminders (kept here, in the
/// cluster, as daprd keeps them in its Scheduler, so they outlive app restarts). Every sidecar routes actor
/// calls through it, so a call from any app reaches the hosting app.
/// </summary>
public sealed class ActorPlacement(LocalDaprCluster cluster) : IAsyncDisposable
{
    public const string ReentrancyHeader = "Dapr-Reentrancy-Id";

    readonly Lock _gate = new();
    readonly Dictionary<string, ActorHostEntry> _hosts = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, ActiveActor> _active = new(StringComparer.Ordinal);
    readonly CancellationTokenSource _disposing = new();
    TaskCompletionSource _appsChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    ActorReminders? _reminders;

    internal LocalDaprCluster Cluster => cluster;
    TimeProvider Time => cluster.Time;
    internal CancellationToken Disposing => _disposing.Token;

    /// <summary>Reminders of the whole cluster.</summary>
    public ActorReminders Reminders => _reminders ??= new ActorReminders(this);

    public IReadOnlyList<string> TypesHostedBy(string appId)
    {
        lock (_gate) return _hosts.Where(h => h.Value.Sidecar.AppId == appId).Select(h => h.Key).Order(StringComparer.Ordinal).ToList();
    }

    public int ActiveCount(string actorType) => _active.Values.Count(a => a.Type == actorType && !a.IsClosing);

    public bool IsActive(string actorType, string actorId) =>
        _active.TryGetValue($"{actorType}||{actorId}", out var a) && !a.IsClosing;

    public ActorHostEntry? Find(string actorType)
    {
        lock (_gate) return _hosts.GetValueOrDefault(actorType);
    }

    internal ActiveActor? Activation(string actorType, string actorId) =>
        _active.TryGetValue($"{actorType}||{actorId}", out var a) && !a.IsClosing ? a : null;

    /// <summary>
    /// A sidecar is being pointed at a (new) app process, before it can be reached: that process holds none of the
    /// previous activations (dropped with their timers), and until its config is read it hosts nothing. So no call — a
    /// reminder retrying, a client — reaches the new process through an old activation only to see it dropped mid-call
    /// and sent again: the app would have run that call twice.
    /// </summary>
    internal void OnAppConnecting(AppSidecar sidecar)
    {
        lock (_gate)
            foreach (var stale in _hosts.Where(h => h.Value.Sidecar == sidecar).Select(h => h.Key).ToList()) _hosts.Remove(stale);
        DropActivations(sidecar);
    }

    /// <summary>daprd's start-up discovery: the app's <c>/dapr/config</c> names the actor types it hosts.</summary>
    internal async Task OnAppConnectedAsync(AppSidecar sidecar, CancellationToken ct)
    {
        var types = await ReadAppConfigAsync(sidecar, ct);
        lock (_gate)
            foreach (var (type, settings) in types) _hosts[type] = new ActorHostEntry(sidecar, settings);
        if (types.Count > 0) cluster.Calls.Record(sidecar.AppId, "actors", "register-types", string.Join(',', types.Keys.Order(StringComparer.Ordinal)));
        SignalAppsChanged();
    }

    void DropActivations(AppSidecar sidecar)
    {
        foreach (var actor in _active.Values.Where(a => a.Host.Sidecar == sidecar).ToList())
        {
            if (!actor.TryBeginClose()) continue;
            actor.StopTimers();
            actor.Lock.Close();
            actor.Abort();
            _active.TryRemove(new KeyValuePair<string, ActiveActor>(actor.Key, actor));
            actor.MarkDeactivated();
            cluster.Calls.Record(sidecar.AppId, "actors", "drop", actor.Key.Replace("||", "/", StringComparison.Ordinal), "ok: app reconnected");
        }
    }

    /// <summary>An app came back after <see cref="AppSidecar.TakeAppDown"/>: reminders waiting for it retry.</summary>
    internal void OnAppBroughtUp(AppSidecar sidecar) => SignalAppsChanged();

    async Task<Dictionary<string, ActorTypeSettings>> ReadAppConfigAsync(AppSidecar sidecar, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dapr/config");
        using var response = await sidecar.App.SendAsync(request, ct);
        // An app without actors answers 404 (or anything but JSON): it simply hosts no actor types.
        if (!response.IsSuccessStatusCode) return [];
        try
        {
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return ActorTypeSettings.FromAppConfig(doc.RootElement);
        }
        catch (JsonException)
        {
            return [];
        }
    }

    void SignalAppsChanged()
    {
        var previous = Interlocked.Exchange(ref _appsChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }

    /// <summary>Completes at the next app connect or bring-up; read it before looking at the apps, so none is missed.</summary>
    internal Task AppsChanged => Volatile.Read(ref _appsChanged).Task;

    /// <summary>
    /// Waits until some app has connected or come back up since <paramref name="changed"/> was read (see
    /// <see cref="AppsChanged"/>), or one retry interval passes. Reading the signal only here would miss an app
    /// that came up between the caller's failed attempt and this wait, and stall for a whole interval.
    /// </summary>
    internal async Task WaitForAppsAsync(Task changed, CancellationToken ct)
    {
        await Task.WhenAny(changed, Task.Delay(cluster.Options.DefaultRetryInterval, Time, ct));
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Calls <c>PUT /actors/{type}/{id}/method/{method}</c> on the hosting app inside the actor's turn, activating
    /// the actor if needed. With <paramref name="activation"/> the call only goes to that activation (timers).
    /// Unreachable apps surface as <see cref="AppUnavailableException"/>.
    /// </summary>
    public async Task<ActorResponse> InvokeAsync(string type, string id, string method, byte[]? body, string? contentType,
        IEnumerable<KeyValuePair<string, string[]>> headers, CancellationToken ct, ActiveActor? activation = null)
    {
        var key = $"{type}||{id}";
        var forwarded = headers.ToList();
        while (true)
        {
            var host = Find(type) ?? throw ActorApiException.NoAddress(type, id);
            var actor = activation ?? _active.GetOrAdd(key, _ => new ActiveActor(host, type, id));
            if (actor.IsClosing)
            {
                if (activation is not null) throw new ActorClosedException(key);
                await actor.Deactivated.WaitAsync(ct);
                continue;
            }
            actor.CallStarted();
            try
            {
                var reentrancyId = forwarded.FirstOrDefault(h => string.Equals(h.Key, ReentrancyHeader, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
                if (actor.Host.Settings.ReentrancyEnabled && reentrancyId is null)
                {
                    // daprd starts a reentrancy chain here; the SDK carries it into calls the actor makes.
                    reentrancyId = Guid.NewGuid().ToString();
                    forwarded.Add(new(ReentrancyHeader, [reentrancyId]));
                }
                IDisposable turn;
                try
                {
                    turn = await actor.Lock.EnterAsync(reentrancyId, ct);
                }
                catch (ActorClosedException) when (activation is null)
                {
                    await actor.Deactivated.WaitAsync(ct);
                    continue;
                }
                using (turn)
                {
                    Touch(actor);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, actor.Aborted);
                    return await SendAsync(actor, method, body, contentType, forwarded, linked.Token);
                }
            }
            finally
            {
                actor.CallEnded();
                Touch(actor);
            }
        }
    }

    static async Task<ActorResponse> SendAsync(ActiveActor actor, string method, byte[]? body, string? contentType,
        List<KeyValuePair<string, string[]>> headers, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/actors/{Uri.EscapeDataString(actor.Type)}/{Uri.EscapeDataString(actor.Id)}/method/{method}");
        request.Content = new ByteArrayContent(body ?? []);
        if (contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var ctype)) request.Content.Headers.ContentType = ctype;
        foreach (var (name, values) in headers)
            if (!request.Headers.TryAddWithoutValidation(name, values)) request.Content.Headers.TryAddWithoutValidation(name, values);
        using var response = await actor.Host.Sidecar.App.SendAsync(request, ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        var responseHeaders = response.Headers.Concat(response.Content.Headers)
            .Where(h => !string.Equals(h.Key, "Content-Length", StringComparison.OrdinalIgnoreCase) &&
                        !string.Equals(h.Key, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase) &&
                        !string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase))
            .Select(h => new KeyValuePair<string, string[]>(h.Key, h.Value.ToArray())).ToList();
        return new ActorResponse((int)response.StatusCode, responseHeaders, response.Content.Headers.ContentType?.ToString(), bytes);
    }

    /// <summary>Restarts the idle clock; an actor is only deactivated when no call is in flight.</summary>
    void Touch(ActiveActor actor)
    {
        if (actor.IsClosing) return;
        var idle = actor.Host.Settings.IdleTimeout;
        lock (actor)
        {
            if (actor.IdleTimer is { } t) t.Change(idle, Timeout.InfiniteTimeSpan);
            else actor.IdleTimer = Time.CreateTimer(static s => ((IdleCallback)s!).Fire(), new IdleCallback(this, actor), idle, Timeout.InfiniteTimeSpan);
        }
    }

    sealed record IdleCallback(ActorPlacement Placement, ActiveActor Actor)
    {
        public void Fire()
        {
            if (Actor.InFlight > 0 || Actor.IsClosing) return;
            _ = Placement.DeactivateAsync(Actor, "idle");
        }
    }

    /// <summary>
    /// Deactivates an activation: stops its timers, refuses new turns (they wait and then activate afresh),
    /// waits up to drainOngoingCallTimeout for running calls, then tells the app (<c>DELETE /actors/{type}/{id}</c>).
    /// </summary>
    public async Task DeactivateAsync(ActiveActor actor, string reason)
    {
        if (!actor.TryBeginClose()) return;
        var target = actor.Key.Replace("||", "/", StringComparison.Ordinal);
        try
        {
            actor.StopTimers();
            actor.Lock.Close();
            try
            {
                await actor.Drained.WaitAsync(actor.Host.Settings.DrainOngoingCallTimeout, Time, _disposing.Token);
            }
            catch (TimeoutException)
            {
                // daprd stops waiting after drainOngoingCallTimeout and cancels what still runs.
                actor.Abort();
            }
            using var request = new HttpRequestMessage(HttpMethod.Delete, $"/actors/{Uri.EscapeDataString(actor.Type)}/{Uri.EscapeDataString(actor.Id)}");
            using var response = await actor.Host.Sidecar.App.SendAsync(request, _disposing.Token);
            cluster.Calls.Record(actor.Host.Sidecar.AppId, "actors", "deactivate", target,
                response.IsSuccessStatusCode ? $"ok: {reason}" : $"ok: {reason}, app answered {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is AppUnavailableException or OperationCanceledException or HttpRequestException)
        {
            cluster.Calls.Record(actor.Host.Sidecar.AppId, "actors", "deactivate", target, $"failed: {e.Message}");
        }
        finally
        {
            _active.TryRemove(new KeyValuePair<string, ActiveActor>(actor.Key, actor));
            actor.MarkDeactivated();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposing.CancelAsync();
        _reminders?.Dispose();
        foreach (var a in _active.Values)
        {
            a.StopTimers();
            a.Abort();
            a.MarkDeactivated();
        }
        _active.Clear();
    }
}
