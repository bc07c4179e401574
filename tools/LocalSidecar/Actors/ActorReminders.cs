using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using DaprShop.LocalSidecar.Cluster;

namespace DaprShop.LocalSidecar.Actors;

/// <summary>
/// Actor reminders, kept by the cluster (as daprd keeps them in its Scheduler service), so they survive an app
/// restart and fire after it. A reminder fires through the actor's turn (<c>PUT …/method/remind/{name}</c>),
/// activating the actor if needed; when the hosting app is unreachable the tick waits and is delivered once the
/// app is back. Only the sidecar of the app hosting the type may manage its reminders (daprd's rule).
/// </summary>
public sealed class ActorReminders(ActorPlacement placement) : IDisposable
{
    readonly ConcurrentDictionary<string, ScheduledCallback> _reminders = new(StringComparer.Ordinal);

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
        // Registering under an existing name replaces the reminder, as daprd does.
        _reminders.AddOrUpdate(reminder.Key, reminder, (_, old) => { old.Cancel(); return reminder; });
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
        var removed = _reminders.TryRemove($"{type}||{id}||{name}", out var r);
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
        try
        {
            while (reminder.IsActive)
            {
                var wait = reminder.NextAt - time.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct);
                var response = await DeliverAsync(reminder, ct);
                if (response?.CancelsReminder == true || !reminder.Advance()) break;
            }
        }
        catch (OperationCanceledException) { }
        finally
        {
            _reminders.TryRemove(new KeyValuePair<string, ScheduledCallback>(reminder.Key, reminder));
        }
    }

    /// <summary>Delivers one tick, waiting while the hosting app is unknown or unreachable.</summary>
    async Task<ActorResponse?> DeliverAsync(ScheduledCallback reminder, CancellationToken ct)
    {
        while (true)
        {
            var host = placement.Find(reminder.Type);
            if (host is null || !host.Sidecar.App.IsUp)
            {
                await placement.WaitForAppsAsync(ct);
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
                await placement.WaitForAppsAsync(ct);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // The activation was dropped mid-delivery (the app reconnected): the tick is still owed.
                Cluster.Calls.Record(host.Sidecar.AppId, "actors", "remind", reminder.Target, "retrying: activation dropped");
            }
        }
    }

    public void Dispose()
    {
        foreach (var r in _reminders.Values) r.Cancel();
        _reminders.Clear();
    }
}
