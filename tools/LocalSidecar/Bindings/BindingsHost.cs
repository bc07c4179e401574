using System.Collections.Concurrent;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.Bindings;

/// <summary>
/// Input bindings (cron) started per app once it connects, and output bindings (HTTP, SMTP) invoked by
/// apps. Every output request is kept, so tests can read what a service sent (and every mail an SMTP server accepted).
/// </summary>
public sealed class BindingsHost(LocalDaprCluster cluster) : IAsyncDisposable
{
    readonly ConcurrentDictionary<(string AppId, string Binding), CronInputBinding> _crons = new();
    readonly ConcurrentQueue<OutputBindingRequest> _requests = new();
    readonly ConcurrentQueue<SentEmail> _outbox = new();
    readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public IReadOnlyList<OutputBindingRequest> Requests => [.. _requests];
    public IReadOnlyList<SentEmail> Outbox => [.. _outbox];

    /// <summary>Input bindings the app listens to: daprd asks with <c>OPTIONS /{route}</c>; a 2xx or 405 (route exists, other verb) means yes.</summary>
    internal async Task OnAppConnectedAsync(AppSidecar sidecar, CancellationToken ct)
    {
        foreach (var component in cluster.Resources.OfKind("bindings").Where(c => c.Type == "bindings.cron" && sidecar.CanUse(c)))
        {
            if (_crons.TryRemove((sidecar.AppId, component.Name), out var old)) await old.DisposeAsync();
            var route = "/" + (component.Meta("route") ?? component.Name).TrimStart('/');
            using var probe = new HttpRequestMessage(HttpMethod.Options, route);
            using var answer = await sidecar.App.SendAsync(probe, ct);
            if (!answer.IsSuccessStatusCode && answer.StatusCode != System.Net.HttpStatusCode.MethodNotAllowed)
            {
                cluster.Calls.Record(sidecar.AppId, "bindings", "listen", component.Name, "app does not listen");
                continue;
            }
            var schedule = CronSchedule.Parse(component.Meta("schedule")
                ?? throw new InvalidDataException($"{component.SourceFile}: cron binding {component.Name} needs metadata 'schedule'"));
            var cron = new CronInputBinding(sidecar, component, schedule);
            _crons[(sidecar.AppId, component.Name)] = cron;
            cron.Start();
            cluster.Calls.Record(sidecar.AppId, "bindings", "listen", component.Name);
        }
    }

    /// <summary>Fires an input binding now (tests; also "run the job now" from the standalone runner).</summary>
    public async Task<int?> FireAsync(string binding, string? appId = null, CancellationToken ct = default)
    {
        var cron = _crons.Values.FirstOrDefault(c => c.Name == binding && (appId is null || c.AppId == appId))
            ?? throw new KeyNotFoundException($"no app listens to input binding '{binding}'");
        return await cron.FireAsync(ct);
    }

    /// <summary>Invokes an output binding; null when the binding answers nothing (as SMTP), which the HTTP API returns as 204.</summary>
    public async Task<OutputBindingResponse?> InvokeAsync(AppSidecar sidecar, string binding, string operation, byte[] data,
        IReadOnlyDictionary<string, string> metadata, CancellationToken ct)
    {
        var component = cluster.Resources.Find("bindings", binding);
        try
        {
            if (component is null || !sidecar.CanUse(component) || component.Type == "bindings.cron")
                throw new OutputBindingException($"couldn't find output binding {binding}");
            OutputBindingResponse? response;
            switch (component.Type)
            {
                case "bindings.http":
                    response = await new HttpOutputBinding(component, _http).InvokeAsync(operation, data, metadata, ct);
                    break;
                case "bindings.smtp":
                    _outbox.Enqueue(await new SmtpOutputBinding(component).SendAsync(operation, data, metadata, ct));
                    response = null;
                    break;
                default:
                    throw new OutputBindingException($"binding type {component.Type} is not supported by the local sidecar");
            }
            Keep(sidecar, binding, operation, data, metadata, "ok");
            return response;
        }
        catch (Exception e) when (e is OutputBindingException or HttpRequestException)
        {
            Keep(sidecar, binding, operation, data, metadata, e.Message);
            throw new OutputBindingException($"error invoking output binding {binding}: {e.Message}");
        }
    }

    void Keep(AppSidecar sidecar, string binding, string operation, byte[] data, IReadOnlyDictionary<string, string> metadata, string outcome)
    {
        _requests.Enqueue(new OutputBindingRequest(sidecar.AppId, binding, operation, data, metadata, outcome));
        cluster.Calls.Record(sidecar.AppId, "bindings", operation, binding, outcome);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cron in _crons.Values) await cron.DisposeAsync();
        _crons.Clear();
        _http.Dispose();
    }
}
