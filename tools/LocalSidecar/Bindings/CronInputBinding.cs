using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.Bindings;

/// <summary>
/// A <c>bindings.cron</c> input binding for one app: fires on its schedule (the cluster's clock) by
/// POSTing to the app's binding route, as daprd does. Cron does not retry a failed delivery.
/// </summary>
internal sealed class CronInputBinding(AppSidecar sidecar, ComponentSpec component, CronSchedule schedule) : IAsyncDisposable
{
    static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);
    readonly CancellationTokenSource _stop = new();
    Task? _loop;

    public string Name => component.Name;
    public string AppId => sidecar.AppId;
    string Route => "/" + (component.Meta("route") ?? component.Name).TrimStart('/');

    public void Start() => _loop = RunAsync(_stop.Token);

    async Task RunAsync(CancellationToken ct)
    {
        var time = sidecar.Cluster.Time;
        var next = schedule.Next(time.GetUtcNow());
        while (!ct.IsCancellationRequested)
        {
            var wait = next - time.GetUtcNow();
            try
            {
                // Re-check at least every second: a clock that jumps between reading "now" and arming the timer
                // (a fake clock in tests, an NTP step in life) would otherwise arm it one period late.
                if (wait > TimeSpan.Zero)
                {
                    using (var wake = CancellationTokenSource.CreateLinkedTokenSource(ct))
                    {
                        await Task.WhenAny(Task.Delay(wait, time, wake.Token), Task.Delay(RecheckInterval, wake.Token));
                        await wake.CancelAsync(); // release the losing timer
                    }
                    ct.ThrowIfCancellationRequested();
                    if (time.GetUtcNow() < next) continue;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            // Like robfig/cron, the next firing is fixed at wake-up, so a slow app never makes the schedule skip one.
            var woke = time.GetUtcNow();
            next = schedule.Next(next > woke ? next : woke);
            await FireAsync(ct);
        }
    }

    /// <summary>One delivery, now. Returns the app's status code, or null if the app could not be reached.</summary>
    public async Task<int?> FireAsync(CancellationToken ct)
    {
        var now = sidecar.Cluster.Time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = new ByteArrayContent([]) };
        request.Headers.TryAddWithoutValidation("timeZone", "UTC");
        request.Headers.TryAddWithoutValidation("readTimeUTC", now.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            using var response = await sidecar.App.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            sidecar.Cluster.Calls.Record(AppId, "bindings", "input", Name, status < 300 ? "ok" : $"app answered {status}");
            return status;
        }
        catch (AppUnavailableException e)
        {
            sidecar.Cluster.Calls.Record(AppId, "bindings", "input", Name, $"app unavailable: {e.Message}");
            return null;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
        _stop.Dispose();
    }
}
