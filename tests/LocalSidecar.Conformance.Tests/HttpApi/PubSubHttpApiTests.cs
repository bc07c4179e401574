using System.Net;
using DaprShop.LocalSidecar.Tests.PubSub;
using DaprShop.LocalSidecar.Tests.Support;
using static DaprShop.LocalSidecar.Tests.HttpApi.SidecarHttp;

namespace DaprShop.LocalSidecar.Tests.HttpApi;

/// <summary>Publish and bulk publish over raw HTTP, delivered to a subscriber as CloudEvents.</summary>
public sealed class PubSubHttpApiTests
{
    /// <summary>A subscriber of <paramref name="topic"/>; the capture sees each CloudEvent as the sidecar sent it.</summary>
    static async Task<(SampleApp App, CloudEventCapture Capture)> StartSubscriberAsync(DaprShop.LocalSidecar.Cluster.LocalDaprCluster cluster, string topic)
    {
        var capture = new CloudEventCapture();
        var app = await SampleApp.StartAsync(cluster, "subscriber", CloudEventCapture.Into(capture), web =>
            web.MapPost("/events", () => Results.Ok()).WithTopic("pubsub", topic));
        return (app, capture);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task Publish_takes_POST_or_PUT_and_a_topic_with_slashes(string verb)
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var (subscriber, capture) = await StartSubscriberAsync(cluster, "orders/eu");
        await using var _ = subscriber;
        await using var publisher = await SampleApp.StartAsync(cluster, "publisher");
        using var http = For(publisher.Sidecar);

        using var response = await http.SendAsync(verb, "/v1.0/publish/pubsub/orders/eu?metadata.cloudevent.type=OrderPlaced", """{"orderId":"o-1"}""");
        await Eventually.TrueAsync(() => capture.EventsTo("/events").Count == 1, "the event was delivered");
        var ce = capture.EventsTo("/events").Single();

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(("orders/eu", "OrderPlaced", "publisher", "o-1"),
            (ce.GetProperty("topic").GetString(), ce.GetProperty("type").GetString(), ce.GetProperty("source").GetString(),
             ce.GetProperty("data").GetProperty("orderId").GetString()));
    }

    [Theory]
    [InlineData("/v1.0-alpha1/publish/bulk/pubsub/stock")]
    [InlineData("/v1.0/publish/bulk/pubsub/stock")]
    public async Task Bulk_publish_delivers_every_entry_and_answers_204(string path)
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var (subscriber, capture) = await StartSubscriberAsync(cluster, "stock");
        await using var _ = subscriber;
        await using var publisher = await SampleApp.StartAsync(cluster, "publisher");
        using var http = For(publisher.Sidecar);

        using var response = await http.SendAsync("POST", path, """
            [{"entryId":"1","event":{"sku":"a"},"contentType":"application/json"},
             {"entryId":"2","event":"plain text","contentType":"text/plain"}]
            """);
        await Eventually.TrueAsync(() => capture.EventsTo("/events").Count == 2, "both entries were delivered");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["\"plain text\"", "{\"sku\":\"a\"}"], capture.EventsTo("/events").Select(e => e.GetProperty("data").GetRawText()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""[{"event":{"sku":"a"},"contentType":"application/json"}]""")]
    [InlineData("""[{"entryId":"1","event":1,"contentType":"application/json"},{"entryId":"1","event":2,"contentType":"application/json"}]""")]
    public async Task Bulk_publish_refuses_entries_without_unique_ids_with_400_ERR_PUBSUB_EVENTS_SER(string entries)
    {
        await using var s = await RawSidecar.StartAsync("publisher");

        var error = await ErrorAsync(await s.Http.SendAsync("POST", "/v1.0-alpha1/publish/bulk/pubsub/stock", entries));

        Assert.Equal((HttpStatusCode.BadRequest, "ERR_PUBSUB_EVENTS_SER", "DAPR_PUBSUB_MARSHAL_EVENTS"), (error.Status, error.ErrorCode, error.Reason));
        Assert.Contains("entryId is duplicated or not present for entry", error.Message, StringComparison.Ordinal);
        Assert.Empty(s.Cluster.Calls.Where(api: "pubsub", operation: "publish"));
    }

    [Fact]
    public async Task Publishing_to_an_unknown_pubsub_is_404_ERR_PUBSUB_NOT_FOUND_with_its_reason()
    {
        await using var s = await RawSidecar.StartAsync("publisher");

        var single = await ErrorAsync(await s.Http.SendAsync("POST", "/v1.0/publish/nosuch/topic", "{}"));
        var bulk = await ErrorAsync(await s.Http.SendAsync("POST", "/v1.0/publish/bulk/nosuch/topic", """[{"entryId":"1","event":1,"contentType":"application/json"}]"""));

        Assert.Equal(new DaprError(HttpStatusCode.NotFound, "ERR_PUBSUB_NOT_FOUND", "pubsub nosuch is not found", "DAPR_PUBSUB_NOT_FOUND"), single);
        Assert.Equal(single, bulk);
    }
}
