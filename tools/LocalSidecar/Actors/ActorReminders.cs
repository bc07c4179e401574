using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using DaprShop.LocalSidecar.Cluster;
using StackExchange.Redis;

namespace DaprShop.LocalSidecar.Actors;

/// <summary>
/// Actor reminders, kept by the cluster (as daprd keeps them in its Scheduler service), so they survive an app
/// restart and fire after it. A reminder fires through the actor's turn (<c>PUT …/method/remind/{name}</c>),
/// activating the actor if needed; when the hosting app is unreachable the tick waits and is delivered once the
/// app is back. Only the sidecar of the app hosting the type may manage its reminders (daprd's rule). With a Redis
/// actor store they are also kept there (<see cref="RedisReminderStore"/>) and re-armed when a cluster starts, so they
/// survive a restart of the whole cluster as daprd's survive one of daprd.
/// </summary>
public sealed class ActorReminders(ActorPlacement placement) : IDisposable
{
    readonly ConcurrentDictionary<string, ScheduledCallback> _reminders = new(StringComparer.Ordinal);

    // Keeps the table and the stored copy in step: a replaced reminder's loop ending must not delete its successor.
    readonly Lock _persist = new();

    LocalDaprCluster Cluster => placement.Cluster;

    public IReadOnlyList<ScheduledCallback> All => [.. _reminders.Values];

    public void Register(AppSidecar sidecar, string type, string id, string name, JsonElement body)
    {
        var target = $"{type}/{id}/{name}";
        CheckHosted(sidecar, "register-reminder", type, target);
        ScheduledCallback reminder;
        try { reminder = ScheduledCallback.Parse(type, id, name, isTimer: false, body, Cluster.Time.GetUtcNow()); }
        catch (FormatException e)
        {
            throw Refuse(sidecar, "register-reminder", target, new ActorApiException(StatusCodes.Status500InternalServerError,
                "ERR_ACTOR_REMINDER_CREATE", $"error creating actor reminder: {e.Message}"));
        }
        try
        {
            lock (_persist)
            {
                Store?.Save(reminder);
                // Registering under an existing name replaces the reminder, as daprd does.
                _reminders.AddOrUpdate(reminder.Key, reminder, (_, old) => { old.Cancel(); return reminder; });
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw Refuse(sidecar, "register-reminder", target, new ActorApiException(StatusCodes.Status500InternalServerError,
                "ERR_ACTOR_REMINDER_CREATE", $"error creating actor reminder: {e.Message}"));
        }
        Cluster.Calls.Record(sidecar.AppId, "actors", "register-reminder", target);
        _ = RunAsync(reminder);
    }

    public ScheduledCallback Get(AppSidecar sidecar, string type, string id, string name)
    {
        var target = $"{type}/{id}/{name}";
        CheckHosted(sidecar, "get-reminder", type, target);
        if (!_reminders.TryGetValue($"{type}||{id}||{name}", out var r))
            throw Refuse(sidecar, "get-reminder", target, new ActorApiException(StatusCodes.Status404NotFound,
                "ERR_ACTOR_REMINDER_NOT_FOUND", $"actor reminder not found: {name}"));
        Cluster.Calls.Record(sidecar.AppId, "actors", "get-reminder", target);
        return r;
    }

    public void Unregister(AppSidecar sidecar, string type, string id, string name)
    {
        var target = $"{type}/{id}/{name}";
        CheckHosted(sidecar, "unregister-reminder", type, target);
        bool removed;
        ScheduledCallback? r;
        try
        {
            lock (_persist)
            {
                Store?.Delete($"{type}||{id}||{name}");
                removed = _reminders.TryRemove($"{type}||{id}||{name}", out r);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw Refuse(sidecar, "unregister-reminder", target, new ActorApiException(StatusCodes.Status500InternalServerError,
                "ERR_ACTOR_REMINDER_DELETE", $"error deleting actor reminder: {e.Message}"));
        }
        r?.Cancel();
        Cluster.Calls.Record(sidecar.AppId, "actors", "unregister-reminder", target, removed ? "ok" : "ok: no such reminder");
    }

    void CheckHosted(AppSidecar sidecar, string op, string type, string target)
    {
        if (placement.Find(type)?.Sidecar != sidecar) throw Refuse(sidecar, op, target, ActorApiException.ReminderNotHosted());
    }

    ActorApiException Refuse(AppSidecar sidecar, string op, string target, ActorApiException e)
    {
        Cluster.Calls.Record(sidecar.AppId, "actors", op, target, $"{e.ErrorCode}: {e.Message}");
        return e;
    }

    async Task RunAsync(ScheduledCallback reminder)
    {
        var time = Cluster.Time;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(reminder.Cancelled, placement.Disposing);
        var ct = linked.Token;
        // Only a reminder that ran out is forgotten by the store; one stopped by the cluster's end is re-armed by the next.
        var ranOut = false;
        try
        {
            while (reminder.IsActive)
            {
                var wait = reminder.NextAt - time.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct);
                var response = await DeliverAsync(reminder, ct);
                if (response?.CancelsReminder == true || !reminder.Advance()) break;
                Persist(reminder, r => Store?.Save(r));
            }
            ranOut = true;
        }
        catch (OperationCanceledException) { }
        finally
        {
            lock (_persist)
                if (_reminders.TryRemove(new KeyValuePair<string, ScheduledCallback>(reminder.Key, reminder)) && ranOut)
                    TryStore(reminder, r => Store?.Delete(r.Key));
        }
    }

    /// <summary>Delivers one tick, waiting while the hosting app is unknown or unreachable.</summary>
    async Task<ActorResponse?> DeliverAsync(ScheduledCallback reminder, CancellationToken ct)
    {
        while (true)
        {
            var appsChanged = placement.AppsChanged;
            var host = placement.Find(reminder.Type);
            if (host is null || !host.Sidecar.App.IsUp)
            {
                await placement.WaitForAppsAsync(appsChanged, ct);
                continue;
            }
            try
            {
                var response = await placement.InvokeAsync(reminder.Type, reminder.Id, $"remind/{Uri.EscapeDataString(reminder.Name)}",
                    Encoding.UTF8.GetBytes(reminder.FireBody()), "application/json", [], ct);
                var ok = response.Status == StatusCodes.Status200OK && !response.IsActorError;
                // daprd logs a failing reminder callback and moves on to the next tick.
                Cluster.Calls.Record(host.Sidecar.AppId, "actors", "remind", reminder.Target, ok ? "ok" : $"failed: app answered {response.Status}");
                return response;
            }
            catch (AppUnavailableException e)
            {
                Cluster.Calls.Record(host.Sidecar.AppId, "actors", "remind", reminder.Target, $"retrying: {e.Message}");
                await placement.WaitForAppsAsync(appsChanged, ct);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // The activation was dropped mid-delivery (the app reconnected): the tick is still owed.
                Cluster.Calls.Record(host.Sidecar.AppId, "actors", "remind", reminder.Target, "retrying: activation dropped");
            }
        }
    }

    RedisReminderStore? Store => Cluster.ReminderStore;

    /// <summary>Re-arms the reminders a previous cluster left in the store; each fires once its app is up (missed ticks at once).</summary>
    internal void Restore()
    {
        if (Store is null) return;
        var (stored, unreadable) = Store.LoadAll();
        foreach (var u in unreadable) Cluster.Calls.Record("", "actors", "restore-reminder", u, "failed: unreadable record");
        foreach (var reminder in stored)
        {
            if (!_reminders.TryAdd(reminder.Key, reminder)) continue;
            Cluster.Calls.Record("", "actors", "restore-reminder", reminder.Target);
            _ = RunAsync(reminder);
        }
    }

    /// <summary>Writes a running reminder's progress while it is still the registered one; a store failure is recorded, not fatal.</summary>
    void Persist(ScheduledCallback reminder, Action<ScheduledCallback> write)
    {
        lock (_persist)
            if (_reminders.TryGetValue(reminder.Key, out var current) && current == reminder) TryStore(reminder, write);
    }

    void TryStore(ScheduledCallback reminder, Action<ScheduledCallback> write)
    {
        try
        {
            write(reminder);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Cluster.Calls.Record("", "actors", "persist-reminder", reminder.Target, $"failed: {e.Message}");
        }
    }

    public void Dispose()
    {
        foreach (var r in _reminders.Values) r.Cancel();
        _reminders.Clear();
    }
}
