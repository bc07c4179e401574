using System.Net;
using DaprShop.Testing.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DaprShop.Gateway.Tests.Support;

/// <summary>
/// A second replica of a running gateway: the same Program and settings, same app id, talking to the same Dapr
/// APIs. In Kubernetes each replica has its own daprd, and both reach the one Redis state store under the same
/// app-id key prefix; here the replica uses the first one's sidecar, which reaches the cluster's one state store
/// the same way. Nothing is shared in process: each replica has its own limiter, HTTP pipeline and DI container.
/// </summary>
public sealed class GatewayReplica : WebApplicationFactory<Program>
{
    readonly ServiceHost<Program> _original;

    public GatewayReplica(ServiceHost<Program> original)
    {
        _original = original;
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public Uri BaseAddress { get; }

    public HttpClient NewClient() => new() { BaseAddress = BaseAddress };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_original.Options.Environment);
        foreach (var (key, value) in _original.Sidecar.AppEnvironment) builder.UseSetting(key, value);
        foreach (var (key, value) in _original.Options.Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            if (_original.Clock is { } clock)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            }
        });
    }
}
