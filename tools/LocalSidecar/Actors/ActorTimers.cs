using System.Text;
using System.Text.Json;
using DaprShop.LocalSidecar.Cluster;

namespace DaprShop.LocalSidecar.Actors;

/// <summary>
/// Actor timers, as daprd keeps them: in memory, bound to one activation. They fire through the actor's turn
/// (<c>PUT …/method/timer/{name}</c>) and end when unregistered, when their period or ttl runs out, or when the
/// activation is deactivated.
/// </summary>
internal static class ActorTimers
{
    public static void Register(ActorPlacement placement, AppSidecar sidecar, string type, string id, string name, JsonElement body)
    {
        var target = $"{type}/{id}/{name}";
        var actor = placement.Activation(type, id);
        if (actor is null || actor.Host.Sidecar != sidecar)
            throw Fail(placement, sidecar, target, $"can't create timer for actor {type}||{id}: actor not activated");
        ScheduledCallback timer;
        try { timer = ScheduledCallback.Parse(type, id, name, isTimer: true, body, placement.Cluster.Time.GetUtcNow()); }
        catch (FormatException e) { throw Fail(placement, sidecar, target, e.Message); }
        actor.SetTimer(name, timer);
        placement.Cluster.Calls.Record(sidecar.AppId, "actors", "register-timer", target);
        _ = RunAsync(placement, actor, timer);
    }

    public static void Unregister(ActorPlacement placement, AppSidecar sidecar, string type, string id, string name)
    {
        var removed = placement.Activation(type, id)?.RemoveTimer(name) ?? false;
        placement.Cluster.Calls.Record(sidecar.AppId, "actors", "unregister-timer", $"{type}/{id}/{name}", removed ? "ok" : "ok: no such timer");
    }

    static ActorApiException Fail(ActorPlacement placement, AppSidecar sidecar, string target, string message)
    {
        var e = new ActorApiException(StatusCodes.Status500InternalServerError, "ERR_ACTOR_TIMER_CREATE", $"error creating actor timer: {message}");
        placement.Cluster.Calls.Record(sidecar.AppId, "actors", "register-timer", target, $"{e.ErrorCode}: {e.Message}");
        return e;
    }

    static async Task RunAsync(ActorPlacement placement, ActiveActor actor, ScheduledCallback timer)
    {
        var time = placement.Cluster.Time;
        var ct = timer.Cancelled;
        var appId = actor.Host.Sidecar.AppId;
        try
        {
            while (timer.IsActive)
            {
                var wait = timer.NextAt - time.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct);
                string outcome;
                var cancel = false;
                try
                {
                    var response = await placement.InvokeAsync(timer.Type, timer.Id, $"timer/{Uri.EscapeDataString(timer.Name)}",
                        Encoding.UTF8.GetBytes(timer.FireBody()), "application/json", [], ct, actor);
                    outcome = response.Status == StatusCodes.Status200OK && !response.IsActorError ? "ok" : $"failed: app answered {response.Status}";
                    cancel = response.CancelsReminder;
                }
                catch (Exception e) when (e is AppUnavailableException or ActorApiException)
                {
                    // daprd logs a failed timer tick and keeps the schedule.
                    outcome = $"failed: {e.Message}";
                }
                placement.Cluster.Calls.Record(appId, "actors", "timer", timer.Target, outcome);
                if (cancel || !timer.Advance()) break;
            }
        }
        catch (OperationCanceledException) { }
        catch (ActorClosedException) { }
        finally
        {
            actor.RemoveTimer(timer.Name, only: timer);
        }
    }
}
