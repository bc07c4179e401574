using Dapr.Client;
using DaprShop.LocalSidecar.Cluster;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DaprShop.Testing.Hosting;

/// <summary>
/// A small app a test writes itself (a conformance sample, an event subscriber, a fake downstream service) on a
/// loopback port, configured against its local sidecar exactly as an app is against daprd (DAPR_HTTP_ENDPOINT /
/// DAPR_GRPC_ENDPOINT), using the official Dapr SDK with <c>UseCloudEvents</c> and <c>MapSubscribeHandler</c>.
/// </summary>
public sealed class SampleApp : IAsyncDisposable
{
    readonly Action<WebApplicationBuilder>? _services;
    readonly Action<WebApplication>? _endpoints;
    WebApplication? _web;

    SampleApp(AppSidecar sidecar, Action<WebApplicationBuilder>? services, Action<WebApplication>? endpoints)
    {
        Sidecar = sidecar;
        _services = services;
        _endpoints = endpoints;
    }

    public AppSidecar Sidecar { get; }
    public int Port { get; private set; }
    public IServiceProvider Services => _web!.Services;
    public DaprClient Dapr => Services.GetRequiredService<DaprClient>();
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public static async Task<SampleApp> StartAsync(LocalDaprCluster cluster, string appId,
        Action<WebApplicationBuilder>? services = null, Action<WebApplication>? endpoints = null, string? configurationName = null)
    {
        var sidecar = await cluster.AddSidecarAsync(new SidecarOptions(appId) { ConfigurationName = configurationName });
        var app = new SampleApp(sidecar, services, endpoints);
        await app.StartWebAsync(port: 0);
        return app;
    }

    /// <summary>Stops the app and starts a fresh instance on the same port (new DI container, new SDK clients), as a process restart.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartWebAsync(Port);
    }

    public async Task StopAsync()
    {
        if (_web is null) return;
        await _web.StopAsync();
        await _web.DisposeAsync();
        _web = null;
    }

    async Task StartWebAsync(int port)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration["DAPR_HTTP_ENDPOINT"] = Sidecar.HttpEndpoint;
        builder.Configuration["DAPR_GRPC_ENDPOINT"] = Sidecar.GrpcEndpoint;
        builder.Services.AddDaprClient();
        _services?.Invoke(builder);
        var web = builder.Build();
        web.UseCloudEvents();
        web.MapSubscribeHandler();
        _endpoints?.Invoke(web);
        await web.StartAsync();
        Port = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        _web = web;
        await Sidecar.ConnectAppAsync(Port);
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
