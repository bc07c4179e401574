using DaprShop.LocalSidecar.Cluster;
using DaprShop.Testing.Dapr;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DaprShop.Testing.Hosting;

/// <summary>
/// A small app the test writes itself (an event subscriber, a fake downstream service) on a loopback
/// port beside its own sidecar, wired to Dapr as a real service is: <c>AddDaprClient</c>,
/// <c>UseCloudEvents</c>, <c>MapSubscribeHandler</c>.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    readonly WebApplication _web;

    TestApp(WebApplication web, AppSidecar sidecar, int port)
    {
        _web = web;
        Sidecar = sidecar;
        Port = port;
    }

    public AppSidecar Sidecar { get; }
    public int Port { get; }
    public IServiceProvider Services => _web.Services;

    public static async Task<TestApp> StartAsync(TestDapr dapr, string appId,
        Action<WebApplicationBuilder>? services = null, Action<WebApplication>? endpoints = null)
    {
        ArgumentNullException.ThrowIfNull(dapr);
        var sidecar = await dapr.Cluster.AddSidecarAsync(appId).ConfigureAwait(false);
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        foreach (var (key, value) in sidecar.AppEnvironment) builder.Configuration[key] = value;
        builder.Services.AddDaprClient();
        services?.Invoke(builder);
        var web = builder.Build();
        web.UseCloudEvents();
        web.MapSubscribeHandler();
        endpoints?.Invoke(web);
        await web.StartAsync().ConfigureAwait(false);
        var port = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        await sidecar.ConnectAppAsync(port).ConfigureAwait(false);
        return new TestApp(web, sidecar, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync().ConfigureAwait(false);
        await _web.DisposeAsync().ConfigureAwait(false);
    }
}
