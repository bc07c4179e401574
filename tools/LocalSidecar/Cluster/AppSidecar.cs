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

    AppSidecar(LocalDaprCluster cluster, SidecarOptions options, WebApplication web)
    {
        Cluster = cluster;
        Options = options;
        _web = web;
        App = new AppChannel(options.AppId);
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

    /// <summary>Environment an app needs to reach this sidecar, as <c>dapr run</c> sets it.</summary>
    public IReadOnlyDictionary<string, string> AppEnvironment => new Dictionary<string, string>
    {
        ["APP_ID"] = AppId,
        ["DAPR_HTTP_PORT"] = HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DAPR_GRPC_PORT"] = GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DAPR_HTTP_ENDPOINT"] = HttpEndpoint,
        ["DAPR_GRPC_ENDPOINT"] = GrpcEndpoint,
    };

    public bool CanUse(ComponentSpec component) => component.IsVisibleTo(AppId);

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

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _web.StopAsync();
        await _web.DisposeAsync();
        App.Dispose();
        _stopping.Dispose();
    }
}
