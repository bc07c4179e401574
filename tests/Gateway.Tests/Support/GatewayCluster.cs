using System.Net;
using System.Net.Sockets;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.Gateway.Tests.Support;

/// <summary>
/// The gateway's real Program beside its local sidecar, in a cluster with a token issuer under app id
/// <c>identity</c> (<see cref="TestIssuer"/>) and a sample <c>catalog</c>. <c>users</c> is one of the gateway's
/// services but not running. The gateway runs on a fake clock shared with the issuer. One per test class;
/// subclasses change the gateway's settings in <see cref="Configure"/>.
/// </summary>
public class GatewayCluster : IAsyncLifetime
{
    public const string AppId = "gateway";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
    public TestDapr Dapr { get; private set; } = null!;
    public TestIssuer Identity { get; private set; } = null!;
    public SampleService Catalog { get; private set; } = null!;
    public ServiceHost<Program> Gateway { get; private set; } = null!;
    public GatewayClient Client => new(Gateway.Client);

    /// <summary>Whether the sidecars run on <see cref="Clock"/> too (resiliency timeouts and breakers, state TTLs).</summary>
    protected virtual bool SidecarsOnTheTestClock => false;

    /// <summary>Gateway settings of this test class (by default: limits high enough never to interfere).</summary>
    protected virtual void Configure(ServiceHostOptions o) => Unlimited(o);

    public static ServiceHostOptions Unlimited(ServiceHostOptions o) => o
        .Setting("Gateway:RateLimits:Default:Tenant:Limit", "100000")
        .Setting("Gateway:RateLimits:Default:User:Limit", "100000")
        .Setting("Gateway:RateLimits:Default:Anonymous:Limit", "100000");

    public virtual async ValueTask InitializeAsync()
    {
        Dapr = await TestDapr.StartAsync(configure: SidecarsOnTheTestClock ? o => o.Time = Clock : null);
        Identity = await TestIssuer.StartAsync(Dapr.Cluster, Clock);
        Catalog = await SampleService.StartAsync(Dapr.Cluster, "catalog");
        Gateway = await ServiceHost.StartAsync<Program>(Dapr, AppId, o =>
        {
            o.UseFakeClock(Clock);
            Configure(o);
        });
    }

    /// <summary>
    /// An HTTP client to the gateway from another loopback address (Linux answers all of 127.0.0.0/8), so the gateway
    /// counts it as another client than <see cref="Client"/> (127.0.0.1).
    /// </summary>
    public HttpClient HttpClientFrom(IPAddress local)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = Gateway.BaseAddress };
    }

    /// <summary>A token of a fresh user in a fresh tenant.</summary>
    public (Guid Tenant, Guid User, string Token) NewUser(Guid? tenant = null)
    {
        var t = tenant ?? Guid.CreateVersion7();
        var u = Guid.CreateVersion7();
        return (t, u, Identity.Token(t, u));
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Gateway is not null) await Gateway.DisposeAsync();
        if (Catalog is not null) await Catalog.DisposeAsync();
        if (Identity is not null) await Identity.DisposeAsync();
        if (Dapr is not null) await Dapr.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
