using System.Net;
using System.Net.Sockets;

namespace DaprShop.LocalSidecar.Cluster;

/// <summary>Raised when the sidecar cannot reach its app (not connected, taken down, or the port refuses).</summary>
public sealed class AppUnavailableException(string appId, string reason, Exception? inner = null)
    : Exception($"app {appId} is unavailable: {reason}", inner);

/// <summary>
/// The sidecar's HTTP connection to its app (app-protocol http), as daprd's app channel.
/// A test can take the app "down" (the sidecar stops reaching it) and bring it back.
/// </summary>
public sealed class AppChannel : IDisposable
{
    const string AppApiTokenHeader = "dapr-api-token";

    readonly string _appId;
    readonly string _appApiToken;
    HttpClient? _http;
    volatile bool _down;

    internal AppChannel(string appId, string appApiToken)
    {
        _appId = appId;
        _appApiToken = appApiToken;
    }

    public int? Port { get; private set; }
    public bool IsUp => _http is not null && !_down;

    internal void Attach(int port)
    {
        _http?.Dispose();
        Port = port;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    internal void SetDown(bool down) => _down = down;

    /// <summary>Sends a request to the app; unreachable apps surface as <see cref="AppUnavailableException"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var http = _http;
        if (http is null) throw new AppUnavailableException(_appId, "no app is connected to this sidecar");
        if (_down) throw new AppUnavailableException(_appId, "app channel is down");
        request.Headers.Remove(AppApiTokenHeader);
        request.Headers.TryAddWithoutValidation(AppApiTokenHeader, _appApiToken);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e)
        {
            throw new AppUnavailableException(_appId, e.Message, e);
        }
    }

    /// <summary>Waits for the app's port to accept connections, as daprd does before discovery.</summary>
    public async Task WaitForPortAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (Port is not { } port) throw new AppUnavailableException(_appId, "no app port");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync(IPAddress.Loopback, port, ct);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, ct);
            }
        }
    }

    public void Dispose() => _http?.Dispose();
}
