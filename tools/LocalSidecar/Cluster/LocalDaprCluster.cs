using System.Collections.Concurrent;
using DaprShop.LocalSidecar.Actors;
using DaprShop.LocalSidecar.Bindings;
using DaprShop.LocalSidecar.Configuration;
using DaprShop.LocalSidecar.Faults;
using DaprShop.LocalSidecar.PubSub;
using DaprShop.LocalSidecar.Recording;
using DaprShop.LocalSidecar.Resources;
using DaprShop.LocalSidecar.Secrets;
using DaprShop.LocalSidecar.State;
using DaprShop.LocalSidecar.Workflow;

namespace DaprShop.LocalSidecar.Cluster;

/// <summary>
/// A small Dapr "cluster" in one process: a sidecar per app-id, and the state stores, broker, actor
/// placement, workflow backend, bindings, secret and configuration stores they share. Apps talk to
/// their sidecar exactly as to daprd (<c>DAPR_HTTP_ENDPOINT</c> / <c>DAPR_GRPC_ENDPOINT</c>).
/// </summary>
public sealed class LocalDaprCluster : IAsyncDisposable
{
    readonly ConcurrentDictionary<string, AppSidecar> _sidecars = new(StringComparer.Ordinal);

    readonly RedisConnections _redis;

    LocalDaprCluster(ClusterOptions options, ResourceSet resources, Dictionary<string, IStateStoreEngine> stateStores, RedisConnections redis)
    {
        Options = options;
        Resources = resources;
        Time = options.Time;
        Calls = new CallRecorder(Time);
        StateStores = stateStores;
        _redis = redis;
        // daprd keeps reminders in its Scheduler; the local sidecar keeps them beside a Redis actor store's state.
        var actorStore = resources.OfKind("state").FirstOrDefault(c => c.MetaFlag("actorStateStore"));
        if (actorStore is not null && stateStores[actorStore.Name] is RedisStateStore redisActorStore)
            ReminderStore = new RedisReminderStore(redisActorStore.Database);
        PubSub = new PubSubBroker(this);
        Actors = new ActorPlacement(this);
        Workflows = new WorkflowBackend(this);
        Bindings = new BindingsHost(this);
        Secrets = new SecretStores(this);
        ConfigurationStores = new ConfigurationStores(this);
        Actors.Reminders.Restore();
        Workflows.Restore();
    }

    public ClusterOptions Options { get; }
    public ResourceSet Resources { get; }
    public TimeProvider Time { get; }
    public CallRecorder Calls { get; }
    public FaultInjector Faults { get; } = new();

    /// <summary>Calls to <c>HTTPEndpoint</c> targets (outside the cluster); timeouts come from resiliency, as in daprd.</summary>
    internal HttpClient ExternalHttp { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
    public IReadOnlyDictionary<string, IStateStoreEngine> StateStores { get; }

    /// <summary>Where reminders outlive the cluster (a Redis actor store), or null (in memory only).</summary>
    internal RedisReminderStore? ReminderStore { get; }
    public PubSubBroker PubSub { get; }
    public ActorPlacement Actors { get; }
    public WorkflowBackend Workflows { get; }
    public BindingsHost Bindings { get; }
    public SecretStores Secrets { get; }
    public ConfigurationStores ConfigurationStores { get; }

    public IReadOnlyCollection<AppSidecar> Sidecars => _sidecars.Values.ToList();

    public AppSidecar this[string appId] => _sidecars.TryGetValue(appId, out var s)
        ? s : throw new KeyNotFoundException($"no sidecar for app-id '{appId}'");

    /// <exception cref="ComponentInitException">A state.redis component whose Redis cannot be used (as daprd fails to start).</exception>
    public static async Task<LocalDaprCluster> StartAsync(ClusterOptions options)
    {
        options.WorkingDirectory = Path.GetFullPath(options.WorkingDirectory ?? Directory.GetCurrentDirectory());
        var resources = ResourceLoader.Load(options.ResourcesPaths);
        var redis = new RedisConnections();
        var stores = new Dictionary<string, IStateStoreEngine>(StringComparer.Ordinal);
        try
        {
            foreach (var c in resources.OfKind("state"))
                stores[c.Name] = options.StateEngine == StateEngineKind.Redis && c.Type == "state.redis"
                    ? await redis.OpenStateStoreAsync(c, options.RedisReplacement, options.Time)
                    : new InMemoryStateStore(c.Name, options.Time, DefaultTtl(c));
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
        return new LocalDaprCluster(options, resources, stores, redis);
    }

    /// <summary>The component's own <c>ttlInSeconds</c>, applied to writes that name none (as components-contrib does).</summary>
    static TimeSpan? DefaultTtl(ComponentSpec c) =>
        int.TryParse(c.Meta("ttlInSeconds"), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var s)
            ? TimeSpan.FromSeconds(Math.Max(s, 0)) : null;

    /// <summary>Starts a sidecar for an app-id. With no app port, call <see cref="AppSidecar.ConnectAppAsync"/> once the app listens.</summary>
    public async Task<AppSidecar> AddSidecarAsync(SidecarOptions options)
    {
        if (_sidecars.ContainsKey(options.AppId)) throw new InvalidOperationException($"app-id '{options.AppId}' already has a sidecar");
        var sidecar = await AppSidecar.StartAsync(this, options);
        _sidecars[options.AppId] = sidecar;
        return sidecar;
    }

    public Task<AppSidecar> AddSidecarAsync(string appId) => AddSidecarAsync(new SidecarOptions(appId));

    /// <summary>Resolves an invocation target (<c>id</c> or <c>id.namespace</c>) to a sidecar in this cluster.</summary>
    public AppSidecar? Resolve(string target)
    {
        var id = target;
        var dot = target.LastIndexOf('.');
        if (dot > 0 && target[(dot + 1)..] == Options.Namespace) id = target[..dot];
        return _sidecars.GetValueOrDefault(id);
    }

    /// <summary>
    /// Forgets every sidecar's invocation circuit breakers, as restarting the sidecars would: tests that share a
    /// cluster end an outage they caused this way, so a breaker it opened does not refuse the next test's calls.
    /// </summary>
    public void ResetInvocationBreakers()
    {
        foreach (var s in _sidecars.Values) s.InvocationBreakers.Reset();
    }

    internal async Task OnAppConnectedAsync(AppSidecar sidecar, CancellationToken ct)
    {
        Calls.Record(sidecar.AppId, "app", "connected", sidecar.AppId);
        await Actors.OnAppConnectedAsync(sidecar, ct);
        await PubSub.OnAppConnectedAsync(sidecar, ct);
        await Bindings.OnAppConnectedAsync(sidecar, ct);
    }

    internal void OnAppBroughtUp(AppSidecar sidecar)
    {
        PubSub.OnAppBroughtUp(sidecar);
        Actors.OnAppBroughtUp(sidecar);
    }

    public async ValueTask DisposeAsync()
    {
        await Bindings.DisposeAsync();
        await Actors.DisposeAsync();
        await Workflows.DisposeAsync();
        await PubSub.DisposeAsync();
        foreach (var s in _sidecars.Values) await s.DisposeAsync();
        _sidecars.Clear();
        await _redis.DisposeAsync();
        ExternalHttp.Dispose();
    }
}
