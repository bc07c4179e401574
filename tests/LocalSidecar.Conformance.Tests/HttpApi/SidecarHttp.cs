using System.Net;
using System.Text;
using System.Text.Json;
using DaprShop.LocalSidecar.Cluster;

namespace DaprShop.LocalSidecar.Tests.HttpApi;

/// <summary>
/// Raw HTTP to a sidecar, as the JavaScript and Python SDKs or curl reach daprd: no Dapr SDK in between.
/// </summary>
public static class SidecarHttp
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static HttpClient For(AppSidecar sidecar) => new() { BaseAddress = new Uri(sidecar.HttpEndpoint) };

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> SendAsync(this HttpClient http, string method, string path, string? json = null) =>
        http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = json is null ? null : Json(json) }, Ct);

    /// <summary>daprd's error body: errorCode, message and (for its richer errors) the ErrorInfo reason.</summary>
    public sealed record DaprError(HttpStatusCode Status, string ErrorCode, string Message, string? Reason);

    public static async Task<DaprError> ErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = doc.RootElement;
        string? reason = null;
        if (root.TryGetProperty("details", out var details))
        {
            var info = details.EnumerateArray().Single();
            Assert.Equal("type.googleapis.com/google.rpc.ErrorInfo", info.GetProperty("@type").GetString());
            Assert.Equal("dapr.io", info.GetProperty("domain").GetString());
            reason = info.GetProperty("reason").GetString();
        }
        return new DaprError(response.StatusCode, root.GetProperty("errorCode").GetString()!, root.GetProperty("message").GetString()!, reason);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return doc.RootElement.Clone();
    }
}

/// <summary>A cluster with one app's sidecar and no app: enough for the APIs that never call the app.</summary>
public sealed class RawSidecar : IAsyncDisposable
{
    RawSidecar(LocalDaprCluster cluster, AppSidecar sidecar)
    {
        Cluster = cluster;
        Sidecar = sidecar;
        Http = SidecarHttp.For(sidecar);
    }

    public LocalDaprCluster Cluster { get; }
    public AppSidecar Sidecar { get; }
    public HttpClient Http { get; }

    public static async Task<RawSidecar> StartAsync(string appId = "shop", Action<ClusterOptions>? configure = null, string? configurationName = null)
    {
        var cluster = await Support.ClusterFactory.StartAsync(configure);
        return new RawSidecar(cluster, await cluster.AddSidecarAsync(new SidecarOptions(appId) { ConfigurationName = configurationName }));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Cluster.DisposeAsync();
    }
}
