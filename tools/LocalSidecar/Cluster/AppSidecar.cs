using System.Net;
using DaprShop.LocalSidecar.Grpc;
using DaprShop.LocalSidecar.Resources;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DaprShop.LocalSidecar.Cluster;

/// <summary>
/// One app's sidecar: an HTTP/1.1 port (Dapr HTTP API v1.0) and an HTTP/2-cleartext port (gRPC
/// <c>dapr.proto.runtime.v1.Dapr</c> and <c>TaskHubSidecarService</c>), backed by the cluster's shared
/// stores, broker, actor placement and workflow backend.
/// </summary>
public sealed class AppSidecar : IAsyncDisposable
{
    readonly WebApplication _web;
    readonly CancellationTokenSource _stopping = new();
    TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly Lock _shutdownGate = new();
    Task? _shutdown;

    AppSidecar(LocalDaprCluster cluster, SidecarOptions options, WebApplication web)
    {
        Cluster = cluster;
        Options = options;
        _web = web;
        App = new AppChannel(options.AppId, options.AppApiToken);
        InvocationBreakers = new Invocation.InvocationBreakers(options.AppId, cluster.Time, cluster.Calls);
    }

    public LocalDaprCluster Cluster { get; }
    public SidecarOptions Options { get; }
    public string AppId => Options.AppId;
    public AppChannel App { get; }
    public int HttpPort { get; private set; }
    public int GrpcPort { get; private set; }
    public string HttpEndpoint => $"http://127.0.0.1:{HttpPort}";
    public string GrpcEndpoint => $"http://127.0.0.1:{GrpcPort}";
    public AppConfigurationSpec? Configuration =>
        Options.ConfigurationName is { } n && Cluster.Resources.Configurations.TryGetValue(n, out var c) ? c : null;

    /// <summary>Completes once the app answered discovery (<c>/dapr/config</c>, <c>/dapr/subscribe</c>, input bindings).</summary>
    public Task AppConnected => _connected.Task;

    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>Extended metadata apps set with <c>PUT /v1.0/metadata/{key}</c> (or gRPC SetMetadata); shown by GetMetadata.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> ExtendedMetadata { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the sidecar was shut down (its ports close), by <see cref="ShutdownAsync"/> or disposal.</summary>
    public bool IsShutDown { get { lock (_shutdownGate) return _shutdown is not null; } }

    /// <summary>This caller's circuit breakers for service invocation (daprd keeps them per sidecar).</summary>
    internal Invocation.InvocationBreakers InvocationBreakers { get; }

    /// <summary>Environment an app needs to reach this sidecar, as <c>dapr run</c> sets it.</summary>
    public IReadOnlyDictionary<string, string> AppEnvironment => new Dictionary<string, string>
    {
        ["APP_ID"] = AppId,
        ["DAPR_HTTP_PORT"] = HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DAPR_GRPC_PORT"] = GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DAPR_HTTP_ENDPOINT"] = HttpEndpoint,
        ["DAPR_GRPC_ENDPOINT"] = GrpcEndpoint,
        ["APP_API_TOKEN"] = Options.AppApiToken,
    };

    public bool CanUse(ComponentSpec component) => component.IsVisibleTo(AppId);

    /// <summary>The folder this sidecar "runs in": relative paths in component metadata resolve against it, as daprd's do.</summary>
    public string WorkingDirectory => Path.GetFullPath(Options.WorkingDirectory ?? Cluster.Options.WorkingDirectory ?? Directory.GetCurrentDirectory());

    /// <summary>A path from component metadata, as this sidecar's daprd would open it.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, WorkingDirectory);

    internal static async Task<AppSidecar> StartAsync(LocalDaprCluster cluster, SidecarOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(cluster.Options.LogLevel);
        var address = IPAddress.Parse(cluster.Options.BindAddress);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(address, options.HttpPort, l => l.Protocols = HttpProtocols.Http1);
            // h2c needs prior knowledge: Http1AndHttp2 without TLS would fall back to HTTP/1.1 and the SDK fails.
            k.Listen(address, options.GrpcPort, l => l.Protocols = HttpProtocols.Http2);
            k.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = 16 * 1024 * 1024;
            o.EnableDetailedErrors = true;
        });
        builder.Services.AddSingleton(cluster);
        builder.Services.AddSingleton<DaprApiService>();
        builder.Services.AddSingleton<Workflow.TaskHubService>();
        builder.Services.AddRouting();
        var web = builder.Build();
        var sidecar = new AppSidecar(cluster, options, web);
        web.Services.GetRequiredService<DaprApiService>().Sidecar = sidecar;
        web.Services.GetRequiredService<Workflow.TaskHubService>().Sidecar = sidecar;

        web.Use((ctx, next) =>
        {
            // The SDK builds "{endpoint}/{relative}" from endpoints that end in '/': accept "//v1.0/...".
            var path = ctx.Request.Path.Value ?? "";
            if (path.StartsWith("//", StringComparison.Ordinal)) ctx.Request.Path = path[1..];
            return next(ctx);
        });
        web.UseRouting(); // after the path fix-up, so routing sees the normalised path
        web.MapGrpcService<DaprApiService>();
        web.MapGrpcService<Workflow.TaskHubService>();
        SidecarHttpApi.Map(web, sidecar);

        await web.StartAsync();
        var ports = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Select(a => new Uri(a).Port).ToList();
        sidecar.HttpPort = options.HttpPort != 0 ? options.HttpPort : ports[0];
        sidecar.GrpcPort = options.GrpcPort != 0 ? options.GrpcPort : ports[1];
        if (options.AppPort is { } appPort) _ = sidecar.ConnectAppAsync(appPort, TimeSpan.FromMinutes(5));
        return sidecar;
    }

    /// <summary>
    /// Points the sidecar at its app and runs daprd's start-up discovery once the port opens:
    /// actor types from <c>/dapr/config</c>, subscriptions from <c>/dapr/subscribe</c>, input bindings.
    /// Call again after an app restart to re-read them.
    /// </summary>
    public async Task ConnectAppAsync(int appPort, TimeSpan? timeout = null)
    {
        if (_connected.Task.IsCompleted) _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            Cluster.Actors.OnAppConnecting(this);
            App.Attach(appPort);
            App.SetDown(false);
            await App.WaitForPortAsync(timeout ?? TimeSpan.FromSeconds(30), _stopping.Token);
            await Cluster.OnAppConnectedAsync(this, _stopping.Token);
            _connected.TrySetResult();
        }
        catch (Exception e)
        {
            _connected.TrySetException(e);
            throw;
        }
    }

    /// <summary>The sidecar stops reaching its app, as when the app crashed or is unhealthy.</summary>
    public void TakeAppDown()
    {
        App.SetDown(true);
        Cluster.Calls.Record(AppId, "app", "down", AppId);
    }

    /// <summary>The app is reachable again; work held back while it was down resumes.</summary>
    public void BringAppUp()
    {
        App.SetDown(false);
        Cluster.Calls.Record(AppId, "app", "up", AppId);
        Cluster.OnAppBroughtUp(this);
    }

    /// <summary>
    /// Stops this sidecar as daprd's shutdown API does: its HTTP and gRPC ports close; the app, if any, keeps running.
    /// Safe to call more than once.
    /// </summary>
    public Task ShutdownAsync()
    {
        lock (_shutdownGate)
            return _shutdown ??= StopAsync();

        async Task StopAsync()
        {
            Cluster.Calls.Record(AppId, "sidecar", "shutdown", AppId);
            await _stopping.CancelAsync();
            await _web.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync();
        await _web.DisposeAsync();
        App.Dispose();
        _stopping.Dispose();
    }
}
