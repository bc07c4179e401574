using System.Net;
using System.Net.Sockets;
using DaprShop.LocalSidecar.Tests.Support;
using static DaprShop.LocalSidecar.Tests.HttpApi.SidecarHttp;

namespace DaprShop.LocalSidecar.Tests.HttpApi;

/// <summary>Metadata (GET and PUT), health (<c>healthz</c>, <c>healthz/outbound</c>) and <c>shutdown</c> over raw HTTP.</summary>
public sealed class MetadataHealthShutdownHttpApiTests
{
    [Fact]
    public async Task Metadata_describes_the_app_its_components_and_subscriptions_and_PUT_adds_extended_metadata()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders", endpoints: web =>
            web.MapPost("/events", () => Results.Ok()).WithTopic("pubsub", "order-events"));
        using var http = For(app.Sidecar);

        using var put = await http.PutAsync("/v1.0/metadata/cliPID", new StringContent("4242"), Ct);
        var metadata = await JsonAsync(await http.GetAsync("/v1.0/metadata", Ct));

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("orders", metadata.GetProperty("id").GetString());
        Assert.Equal("4242", metadata.GetProperty("extended").GetProperty("cliPID").GetString());
        Assert.Contains(metadata.GetProperty("components").EnumerateArray(),
            c => c.GetProperty("name").GetString() == "statestore" && c.GetProperty("type").GetString() == "state.redis");
        Assert.DoesNotContain(metadata.GetProperty("components").EnumerateArray(), c => c.GetProperty("name").GetString() == "privatestore");
        var subscription = metadata.GetProperty("subscriptions").EnumerateArray().Single(x => x.GetProperty("topic").GetString() == "order-events");
        // The route as the app declared it (the .NET SDK leaves out the leading slash).
        Assert.Equal(("pubsub", "PROGRAMMATIC", "events"), (subscription.GetProperty("pubsubname").GetString(), subscription.GetProperty("type").GetString(),
            subscription.GetProperty("rules").EnumerateArray().Single().GetProperty("path").GetString()));
        Assert.Equal(app.Port, metadata.GetProperty("appConnectionProperties").GetProperty("port").GetInt32());
    }

    [Fact]
    public async Task Healthz_is_204_and_500_ERR_HEALTH_APPID_NOT_MATCH_for_another_app_id()
    {
        await using var s = await RawSidecar.StartAsync("orders");

        using var healthy = await s.Http.GetAsync("/v1.0/healthz", Ct);
        using var sameApp = await s.Http.GetAsync("/v1.0/healthz?appid=orders", Ct);
        using var outbound = await s.Http.GetAsync("/v1.0/healthz/outbound", Ct);
        var otherApp = await ErrorAsync(await s.Http.GetAsync("/v1.0/healthz?appid=billing", Ct));

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent), (healthy.StatusCode, sameApp.StatusCode, outbound.StatusCode));
        Assert.Equal(new DaprError(HttpStatusCode.InternalServerError, "ERR_HEALTH_APPID_NOT_MATCH", "dapr app-id does not match", null), otherApp);
    }

    [Fact]
    public async Task Shutdown_answers_204_and_then_the_sidecar_stops_listening()
    {
        await using var s = await RawSidecar.StartAsync("orders");
        var port = s.Sidecar.HttpPort;

        using var response = await s.Http.PostAsync("/v1.0/shutdown", null, Ct);
        await Eventually.TrueAsync(() => !Listening(port), "the sidecar's HTTP port closed");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(s.Sidecar.IsShutDown);
        Assert.Single(s.Cluster.Calls.Where(appId: "orders", api: "sidecar", operation: "shutdown"));
    }

    static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
