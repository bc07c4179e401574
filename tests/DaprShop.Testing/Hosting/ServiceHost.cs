using System.Net;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.Testing.Dapr;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.Testing.Hosting;

/// <summary>Starts services under test: <c>await ServiceHost.StartAsync&lt;Program&gt;(dapr, "identity", o => ...)</c>.</summary>
public static class ServiceHost
{
    /// <summary>Starts the service beside a sidecar of an existing cluster (several apps share one cluster).</summary>
    public static Task<ServiceHost<TProgram>> StartAsync<TProgram>(TestDapr dapr, string appId, Action<ServiceHostOptions>? configure = null)
        where TProgram : class =>
        ServiceHost<TProgram>.StartAsync(dapr, appId, configure, ownsDapr: false);

    /// <summary>Starts a cluster of its own (disposed with the host) and the service beside it.</summary>
    public static async Task<ServiceHost<TProgram>> StartAsync<TProgram>(string appId, IReadOnlyDictionary<string, string>? secrets,
        Action<ServiceHostOptions>? configure = null) where TProgram : class
    {
        var dapr = await TestDapr.StartAsync(secrets).ConfigureAwait(false);
        try
        {
            return await ServiceHost<TProgram>.StartAsync(dapr, appId, configure, ownsDapr: true).ConfigureAwait(false);
        }
        catch
        {
            await dapr.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}

/// <summary>
/// A service's real <c>Program</c> on a loopback Kestrel port beside its own local sidecar, configured
/// exactly as <c>dapr run</c> configures it (<c>DAPR_HTTP_ENDPOINT</c>/<c>DAPR_GRPC_ENDPOINT</c>, <c>APP_ID</c>),
/// plus the test's settings and DI replacements. Other apps reach it through the cluster; the test
/// reaches it directly through <see cref="Client"/>.
/// </summary>
public sealed class ServiceHost<TProgram> : IAsyncDisposable where TProgram : class
{
    readonly bool _ownsDapr;
    Factory? _factory;

    ServiceHost(TestDapr dapr, AppSidecar sidecar, ServiceHostOptions options, bool ownsDapr)
    {
        Dapr = dapr;
        Sidecar = sidecar;
        Options = options;
        _ownsDapr = ownsDapr;
    }

    public TestDapr Dapr { get; }
    public LocalDaprCluster Cluster => Dapr.Cluster;
    public AppSidecar Sidecar { get; }
    public ServiceHostOptions Options { get; }
    public FakeTimeProvider? Clock => Options.Clock;
    public int Port { get; private set; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>A client straight to the app (not through the sidecar).</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The running app's root service provider.</summary>
    public IServiceProvider Services => (_factory ?? throw new InvalidOperationException("the service is stopped")).Services;

    internal static async Task<ServiceHost<TProgram>> StartAsync(TestDapr dapr, string appId, Action<ServiceHostOptions>? configure, bool ownsDapr)
    {
        var options = new ServiceHostOptions(appId);
        configure?.Invoke(options);
        var sidecar = await dapr.Cluster.AddSidecarAsync(appId).ConfigureAwait(false);
        var host = new ServiceHost<TProgram>(dapr, sidecar, options, ownsDapr);
        try
        {
            await host.StartAppAsync().ConfigureAwait(false);
        }
        catch
        {
            await host.StopAsync().ConfigureAwait(false);
            throw;
        }
        return host;
    }

    /// <summary>
    /// Stops the app and starts it again (new DI container, same sidecar, same clock), as a process
    /// restart — optionally with changed options, e.g. rotated keys or other settings.
    /// </summary>
    public async Task RestartAsync(Action<ServiceHostOptions>? change = null)
    {
        await StopAsync().ConfigureAwait(false);
        change?.Invoke(Options);
        await StartAppAsync().ConfigureAwait(false);
    }

    public async Task StopAsync()
    {
        if (_factory is null) return;
        Client.Dispose();
        await _factory.DisposeAsync().ConfigureAwait(false);
        _factory = null;
    }

    /// <summary>Runs code against the app's scoped services (e.g. its DbContext) in a fresh scope.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider).ConfigureAwait(false);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    async Task StartAppAsync()
    {
        var factory = new Factory(Options, Sidecar);
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        try
        {
            factory.StartServer();
        }
        catch
        {
            await factory.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        _factory = factory;
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
        Client = CreateClient();
        await Sidecar.ConnectAppAsync(Port).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (_ownsDapr) await Dapr.DisposeAsync().ConfigureAwait(false);
    }

    sealed class Factory(ServiceHostOptions options, AppSidecar sidecar) : WebApplicationFactory<TProgram>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(options.Environment);
            foreach (var (key, value) in sidecar.AppEnvironment) builder.UseSetting(key, value);
            foreach (var (key, value) in options.Settings) builder.UseSetting(key, value);
            builder.ConfigureTestServices(services =>
            {
                if (options.Clock is { } clock)
                {
                    services.RemoveAll<TimeProvider>();
                    services.AddSingleton<TimeProvider>(clock);
                }
                foreach (var replace in options.ServiceOverrides) replace(services);
            });
        }
    }
}
