using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapr;
using Dapr.AspNetCore;
using Dapr.Client;
using DaprShop.LocalSidecar.Tests.Support;
using Grpc.Core;

namespace DaprShop.LocalSidecar.Tests.PubSub;

public sealed record OrderEvent(string OrderId);

public sealed class PubSubConformanceTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Waits for the broker to settle; bounded, so a delivery that never settles fails the test instead of hanging it.</summary>
    static Task Quiet(DaprShop.LocalSidecar.Cluster.LocalDaprCluster cluster) =>
        cluster.PubSub.WhenIdleAsync(Ct).WaitAsync(TimeSpan.FromSeconds(15), Ct);

    [Fact]
    public async Task A_published_event_arrives_as_a_CloudEvent_with_id_source_type_topic_pubsubname_traceparent_and_datacontenttype()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var capture = new CloudEventCapture();
        var received = new ConcurrentQueue<OrderEvent>();
        await using var shipping = await SampleApp.StartAsync(cluster, "shipping", CloudEventCapture.Into(capture), web =>
            web.MapPost("/orders", (OrderEvent e) => { received.Enqueue(e); return Results.Ok(); }).WithTopic("pubsub", "order-events"));
        await using var ordering = await SampleApp.StartAsync(cluster, "ordering");

        using var activity = new Activity("publish-order").SetIdFormat(ActivityIdFormat.W3C).Start();
        await ordering.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent("o-1"), Ct);
        activity.Stop();
        await Quiet(cluster);

        Assert.Equal([new OrderEvent("o-1")], received);
        var (path, contentType, _, headers) = Assert.Single(capture.Requests);
        Assert.Equal("/orders", path);
        Assert.StartsWith("application/cloudevents+json", contentType);
        var ce = Assert.Single(capture.EventsTo("/orders"));
        Assert.True(Guid.TryParse(ce.GetProperty("id").GetString(), out _));
        Assert.Equal("ordering", ce.GetProperty("source").GetString());
        Assert.Equal("com.dapr.event.sent", ce.GetProperty("type").GetString());
        Assert.Equal("1.0", ce.GetProperty("specversion").GetString());
        Assert.Equal("order-events", ce.GetProperty("topic").GetString());
        Assert.Equal("pubsub", ce.GetProperty("pubsubname").GetString());
        Assert.Equal("application/json", ce.GetProperty("datacontenttype").GetString());
        Assert.Equal("o-1", ce.GetProperty("data").GetProperty("orderId").GetString());
        Assert.True(DateTimeOffset.TryParse(ce.GetProperty("time").GetString(), out _));
        // daprd starts its own span for the publish: same trace as the caller, a new span id.
        var traceparent = ce.GetProperty("traceparent").GetString()!;
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$", traceparent);
        Assert.Equal(activity.TraceId.ToHexString(), traceparent.Split('-')[1]);
        Assert.NotEqual(activity.SpanId.ToHexString(), traceparent.Split('-')[2]);
        Assert.Equal(traceparent, ce.GetProperty("traceid").GetString());
        Assert.Equal(traceparent, headers["traceparent"]);
        Assert.Contains(cluster.Calls.Where("ordering", "pubsub", "publish", "pubsub/order-events"), c => c.Succeeded);
        Assert.Contains(cluster.Calls.Where("shipping", "pubsub", "deliver", "pubsub/order-events"), c => c.Outcome == "SUCCESS");
    }

    [Fact]
    public async Task Cloudevent_metadata_overrides_the_id_and_type_of_the_envelope()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var capture = new CloudEventCapture();
        await using var app = await SampleApp.StartAsync(cluster, "shipping", CloudEventCapture.Into(capture), web =>
            web.MapPost("/orders", () => Results.Ok()).WithTopic("pubsub", "order-events"));

        await app.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent("o-2"),
            new Dictionary<string, string> { ["cloudevent.type"] = "OrderCreated", ["cloudevent.id"] = "evt-42" }, Ct);
        await Quiet(cluster);

        var ce = Assert.Single(capture.EventsTo("/orders"));
        Assert.Equal("OrderCreated", ce.GetProperty("type").GetString());
        Assert.Equal("evt-42", ce.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_declarative_Subscription_resource_delivers_to_its_routes_without_any_Topic_endpoint()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var declared = new ConcurrentQueue<string>();
        await using var app = await SampleApp.StartAsync(cluster, "declarer", endpoints: web =>
        {
            web.MapPost("/declared", (OrderEvent e) => { declared.Enqueue("default:" + e.OrderId); return Results.Ok(); });
            web.MapPost("/declared/urgent", (OrderEvent e) => { declared.Enqueue("urgent:" + e.OrderId); return Results.Ok(); });
        });

        await app.Dapr.PublishEventAsync("pubsub", "declared-events", new OrderEvent("a"), Ct);
        await app.Dapr.PublishEventAsync("pubsub", "declared-events", new OrderEvent("b"),
            new Dictionary<string, string> { ["cloudevent.type"] = "Urgent" }, Ct);
        await Quiet(cluster);

        Assert.Equal(["default:a", "urgent:b"], declared.Order());
        var sub = Assert.Single(cluster.PubSub.SubscriptionsOf("declarer"));
        Assert.True(sub.Declarative);
        Assert.Empty(cluster.PubSub.SubscriptionsOf("someone-else"));
    }

    [Fact]
    public async Task Routing_rules_pick_the_handler_by_event_type_and_other_events_take_the_default_route()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var hits = new ConcurrentQueue<string>();
        await using var app = await SampleApp.StartAsync(cluster, "notifications", endpoints: web =>
        {
            web.MapPost("/orders/created", (OrderEvent e) => { hits.Enqueue("created:" + e.OrderId); return Results.Ok(); })
                .WithTopic(new TopicOptions { PubsubName = "pubsub", Name = "order-events", Match = "event.type == \"OrderCreated\"", Priority = 1 });
            web.MapPost("/orders/big", (OrderEvent e) => { hits.Enqueue("big-or-shipped:" + e.OrderId); return Results.Ok(); })
                .WithTopic(new TopicOptions { PubsubName = "pubsub", Name = "order-events", Match = "event.type == \"OrderShipped\" || (event.type != \"OrderCreated\" && event.data.orderId.startsWith(\"big\"))", Priority = 2 });
            web.MapPost("/orders/other", (OrderEvent e) => { hits.Enqueue("other:" + e.OrderId); return Results.Ok(); })
                .WithTopic("pubsub", "order-events");
        });

        async Task Publish(string id, string type) => await app.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent(id),
            new Dictionary<string, string> { ["cloudevent.type"] = type }, Ct);
        await Publish("1", "OrderCreated");
        await Publish("2", "OrderShipped");
        await Publish("big-3", "OrderCancelled");
        await Publish("4", "OrderCancelled");
        await Quiet(cluster);

        Assert.Equal(["big-or-shipped:2", "big-or-shipped:big-3", "created:1", "other:4"], hits.Order());
    }

    [Fact]
    public async Task A_rule_outside_the_supported_expression_subset_never_matches_and_is_reported()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var hits = new ConcurrentQueue<string>();
        await using var app = await SampleApp.StartAsync(cluster, "notifications", endpoints: web =>
        {
            web.MapPost("/exotic", () => { hits.Enqueue("exotic"); return Results.Ok(); })
                .WithTopic(new TopicOptions { PubsubName = "pubsub", Name = "order-events", Match = "int(event.data.amount) > 10", Priority = 1 });
            web.MapPost("/fallback", () => { hits.Enqueue("fallback"); return Results.Ok(); }).WithTopic("pubsub", "order-events");
        });

        await app.Dapr.PublishEventAsync("pubsub", "order-events", new { amount = 50 }, Ct);
        await Quiet(cluster);

        Assert.Equal(["fallback"], hits);
        Assert.Contains(cluster.Calls.Where("notifications", "pubsub", "subscribe", "pubsub/order-events"),
            c => c.Outcome.StartsWith("warning: unsupported match expression", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_handler_answering_RETRY_twice_then_SUCCESS_sees_three_deliveries()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var attempts = 0;
        await using var app = await SampleApp.StartAsync(cluster, "payment", endpoints: web =>
            web.MapPost("/orders", () => Interlocked.Increment(ref attempts) <= 2
                ? Results.Json(new { status = "RETRY" }) : Results.Json(new { status = "SUCCESS" })).WithTopic("pubsub", "order-events"));

        await app.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent("o"), Ct);
        await Quiet(cluster);

        Assert.Equal(3, attempts);
        Assert.Equal(["RETRY", "RETRY", "SUCCESS"],
            cluster.Calls.Where("payment", "pubsub", "deliver", "pubsub/order-events").Select(c => c.Outcome));
    }

    [Fact]
    public async Task DROP_drops_the_event_without_redelivery()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var attempts = 0;
        await using var app = await SampleApp.StartAsync(cluster, "payment", endpoints: web =>
            web.MapPost("/orders", () => { Interlocked.Increment(ref attempts); return Results.Json(new { status = "DROP" }); })
                .WithTopic("pubsub", "order-events"));

        await app.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent("o"), Ct);
        await Quiet(cluster);

        Assert.Equal(1, attempts);
        Assert.Equal(["DROP"], cluster.Calls.Where("payment", "pubsub", "deliver").Select(c => c.Outcome));
    }

    [Fact]
    public async Task DROP_sends_the_event_to_the_dead_letter_topic_when_one_is_configured()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var dead = new ConcurrentQueue<OrderEvent>();
        await using var app = await SampleApp.StartAsync(cluster, "payment", endpoints: web =>
        {
            web.MapPost("/orders", () => Results.Json(new { status = "DROP" }))
                .WithTopic(new TopicOptions { PubsubName = "pubsub", Name = "order-events", DeadLetterTopic = "order-events-dead" });
            web.MapPost("/dead", (OrderEvent e) => { dead.Enqueue(e); return Results.Ok(); }).WithTopic("pubsub", "order-events-dead");
        });

        await app.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent("o-d"), Ct);
        await Quiet(cluster);

        Assert.Equal([new OrderEvent("o-d")], dead);
    }

    [Fact]
    public async Task A_404_answer_drops_the_event()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var attempts = 0;
        await using var app = await SampleApp.StartAsync(cluster, "payment", endpoints: web =>
            web.MapPost("/orders", () => { Interlocked.Increment(ref attempts); return Results.NotFound(); }).WithTopic("pubsub", "order-events"));

        await app.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent("o"), Ct);
        await Quiet(cluster);

        Assert.Equal(1, attempts);
        Assert.Equal(["DROP: http 404"], cluster.Calls.Where("payment", "pubsub", "deliver").Select(c => c.Outcome));
    }

    [Fact]
    public async Task A_non_2xx_status_is_retried_until_the_handler_succeeds()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var attempts = 0;
        await using var app = await SampleApp.StartAsync(cluster, "payment", endpoints: web =>
            web.MapPost("/orders", () => Interlocked.Increment(ref attempts) == 1 ? Results.StatusCode(503) : Results.Ok())
                .WithTopic("pubsub", "order-events"));

        await app.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent("o"), Ct);
        await Quiet(cluster);

        Assert.Equal(2, attempts);
        Assert.Equal(["RETRY: http 503", "SUCCESS"], cluster.Calls.Where("payment", "pubsub", "deliver").Select(c => c.Outcome));
    }

    [Fact]
    public async Task Exhausted_retries_land_on_the_dead_letter_topic_with_the_original_event()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var attempts = 0;
        var capture = new CloudEventCapture();
        await using var app = await SampleApp.StartAsync(cluster, "payment", CloudEventCapture.Into(capture), web =>
        {
            web.MapPost("/orders", () => { Interlocked.Increment(ref attempts); return Results.StatusCode(500); })
                .WithTopic(new TopicOptions { PubsubName = "pubsub", Name = "order-events", DeadLetterTopic = "poison" });
            web.MapPost("/poison", () => Results.Ok()).WithTopic("pubsub", "poison");
        });

        await app.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent("bad"), Ct);
        await Quiet(cluster);

        Assert.Equal(4, attempts); // the first delivery plus fastRetry's maxRetries: 3
        var original = Assert.Single(capture.EventsTo("/orders").Select(e => e.GetProperty("id").GetString()).Distinct());
        var deadLettered = Assert.Single(capture.EventsTo("/poison"));
        Assert.Equal(original, deadLettered.GetProperty("id").GetString());
        Assert.Equal("order-events", deadLettered.GetProperty("topic").GetString());
        Assert.Contains(cluster.Calls.Where("payment", "pubsub", "deliver", "pubsub/order-events"), c => c.Outcome == "dead-letter: poison");
    }

    [Fact]
    public async Task Without_a_resiliency_policy_the_built_in_retry_keeps_going_past_the_policy_limit()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var attempts = 0;
        await using var app = await SampleApp.StartAsync(cluster, "payment", endpoints: web =>
            web.MapPost("/orders", () => Interlocked.Increment(ref attempts) <= 6 ? Results.StatusCode(500) : Results.Ok())
                .WithTopic("plainpubsub", "order-events"));

        await app.Dapr.PublishEventAsync("plainpubsub", "order-events", new OrderEvent("o"), Ct);
        await Quiet(cluster);

        Assert.Equal(7, attempts);
    }

    [Fact]
    public async Task Disposing_the_cluster_stops_endless_retries()
    {
        var cluster = await ClusterFactory.StartAsync();
        var attempts = 0;
        var app = await SampleApp.StartAsync(cluster, "payment", endpoints: web =>
            web.MapPost("/orders", () => { Interlocked.Increment(ref attempts); return Results.StatusCode(500); })
                .WithTopic("plainpubsub", "order-events"));
        await app.Dapr.PublishEventAsync("plainpubsub", "order-events", new OrderEvent("o"), Ct);
        await Eventually.TrueAsync(() => Volatile.Read(ref attempts) >= 3, "the built-in policy retried");

        await cluster.DisposeAsync();
        var afterDispose = Volatile.Read(ref attempts);

        await Eventually.NeverAsync(() => Volatile.Read(ref attempts) > afterDispose, TimeSpan.FromMilliseconds(300), "a retry after the cluster was disposed");
        await app.DisposeAsync();
    }

    [Fact]
    public async Task An_injected_duplicate_reaches_the_handler_twice()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var received = new ConcurrentQueue<OrderEvent>();
        await using var app = await SampleApp.StartAsync(cluster, "inventory", endpoints: web =>
            web.MapPost("/orders", (OrderEvent e) => { received.Enqueue(e); return Results.Ok(); }).WithTopic("pubsub", "order-events"));

        cluster.Faults.DuplicateNextDelivery("order-events");
        await app.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent("dup"), Ct);
        await app.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent("single"), Ct);
        await Quiet(cluster);

        Assert.Equal(["dup", "dup", "single"], received.Select(e => e.OrderId).Order());
    }

    [Fact]
    public async Task An_injected_drop_never_arrives()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var received = new ConcurrentQueue<OrderEvent>();
        await using var app = await SampleApp.StartAsync(cluster, "inventory", endpoints: web =>
            web.MapPost("/orders", (OrderEvent e) => { received.Enqueue(e); return Results.Ok(); }).WithTopic("pubsub", "order-events"));

        cluster.Faults.DropNextDelivery("order-events");
        await app.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent("lost"), Ct);
        // Deliveries of one topic run concurrently (as daprd's do): the next delivery is "lost"'s only once it went alone.
        await Quiet(cluster);
        await app.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent("kept"), Ct);
        await Quiet(cluster);

        Assert.Equal([new OrderEvent("kept")], received);
        Assert.Contains(cluster.Calls.Where("inventory", "pubsub", "deliver"), c => c.Outcome == "injected-drop");
    }

    [Fact]
    public async Task An_injected_publish_failure_refuses_the_publish_as_a_broker_outage_then_clears()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var received = new ConcurrentQueue<OrderEvent>();
        await using var app = await SampleApp.StartAsync(cluster, "inventory", endpoints: web =>
            web.MapPost("/orders", (OrderEvent e) => { received.Enqueue(e); return Results.Ok(); }).WithTopic("pubsub", "order-events"));
        cluster.Faults.FailNextPublishes(1, "order-events");

        var e = await Assert.ThrowsAsync<Dapr.DaprException>(() => app.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent("refused"), Ct));
        await app.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent("accepted"), Ct);
        await Quiet(cluster);

        Assert.Equal(global::Grpc.Core.StatusCode.Internal, Assert.IsType<global::Grpc.Core.RpcException>(e.InnerException).StatusCode);
        Assert.Equal([new OrderEvent("accepted")], received);
    }

    [Fact]
    public async Task An_injected_delay_holds_the_delivery_back_until_it_has_passed()
    {
        // The delay runs on the cluster clock: a fake one holds the delivery until the test moves it.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var cluster = await ClusterFactory.StartAsync(o => o.Time = clock);
        var received = new ConcurrentQueue<string>();
        await using var app = await SampleApp.StartAsync(cluster, "inventory", endpoints: web =>
            web.MapPost("/orders", (OrderEvent e) => { received.Enqueue(e.OrderId); return Results.Ok(); }).WithTopic("pubsub", "order-events"));

        cluster.Faults.DelayNextDelivery("order-events", TimeSpan.FromMilliseconds(300));
        await app.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent("late"), Ct);
        await app.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent("early"), Ct);
        await Eventually.TrueAsync(() => received.Contains("early"), "the undelayed event arrived");
        await Eventually.NeverAsync(() => received.Contains("late"), TimeSpan.FromMilliseconds(200), "the delayed event arrived before its delay passed");
        clock.Advance(TimeSpan.FromMilliseconds(300));
        await Quiet(cluster);

        Assert.Equal(["early", "late"], received);
    }

    [Fact]
    public async Task RawPayload_delivers_the_published_bytes_unwrapped()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var bodies = new ConcurrentQueue<byte[]>();
        await using var app = await SampleApp.StartAsync(cluster, "legacy", endpoints: web =>
            web.MapPost("/raw", async (HttpRequest r) =>
            {
                using var ms = new MemoryStream();
                await r.Body.CopyToAsync(ms);
                bodies.Enqueue(ms.ToArray());
                return Results.Ok();
            }).WithTopic("pubsub", "legacy-feed", enableRawPayload: true));

        var payload = Encoding.UTF8.GetBytes("not json, just bytes \u00e9");
        await app.Dapr.PublishByteEventAsync("pubsub", "legacy-feed", payload, "text/plain",
            new Dictionary<string, string> { ["rawPayload"] = "true" }, Ct);
        await Quiet(cluster);

        Assert.Equal(payload, Assert.Single(bodies));
    }

    [Fact]
    public async Task A_raw_published_JSON_message_reaches_a_plain_subscriber_without_an_envelope()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var capture = new CloudEventCapture();
        await using var app = await SampleApp.StartAsync(cluster, "legacy", CloudEventCapture.Into(capture), web =>
            web.MapPost("/orders", () => Results.Ok()).WithTopic("pubsub", "order-events"));

        await app.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent("raw-1"),
            new Dictionary<string, string> { ["rawPayload"] = "true" }, Ct);
        await Quiet(cluster);

        var body = Assert.Single(capture.EventsTo("/orders"));
        Assert.Equal("raw-1", body.GetProperty("orderId").GetString());
        Assert.False(body.TryGetProperty("specversion", out _));
    }

    [Fact]
    public async Task Bulk_publish_delivers_every_entry_and_reports_no_failed_entries()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var received = new ConcurrentQueue<OrderEvent>();
        await using var app = await SampleApp.StartAsync(cluster, "inventory", endpoints: web =>
            web.MapPost("/orders", (OrderEvent e) => { received.Enqueue(e); return Results.Ok(); }).WithTopic("pubsub", "order-events"));

        var events = Enumerable.Range(1, 5).Select(i => new OrderEvent($"b{i}")).ToList();
        var result = await app.Dapr.BulkPublishEventAsync("pubsub", "order-events", events, cancellationToken: Ct);
        await Quiet(cluster);

        Assert.Empty(result.FailedEntries);
        Assert.Equal(events.Select(e => e.OrderId).Order(), received.Select(e => e.OrderId).Order());
        Assert.Equal(5, cluster.Calls.Where("inventory", "pubsub", "publish", "pubsub/order-events").Count(c => c.Succeeded));
    }

    [Fact]
    public async Task Two_subscriber_apps_each_get_the_event_once()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var shipping = new ConcurrentQueue<OrderEvent>();
        var billing = new ConcurrentQueue<OrderEvent>();
        await using var a = await SampleApp.StartAsync(cluster, "shipping", endpoints: web =>
            web.MapPost("/orders", (OrderEvent e) => { shipping.Enqueue(e); return Results.Ok(); }).WithTopic("pubsub", "order-events"));
        await using var b = await SampleApp.StartAsync(cluster, "billing", endpoints: web =>
            web.MapPost("/on-order", (OrderEvent e) => { billing.Enqueue(e); return Results.Ok(); }).WithTopic("pubsub", "order-events"));
        await using var publisher = await SampleApp.StartAsync(cluster, "ordering");

        await publisher.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent("o-9"), Ct);
        await Quiet(cluster);

        Assert.Equal([new OrderEvent("o-9")], shipping);
        Assert.Equal([new OrderEvent("o-9")], billing);
    }

    [Fact]
    public async Task An_app_outside_the_component_scopes_cannot_publish_to_it()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var insider = await SampleApp.StartAsync(cluster, "insider");
        await using var outsider = await SampleApp.StartAsync(cluster, "outsider");

        await insider.Dapr.PublishEventAsync("privatepubsub", "secrets", new OrderEvent("ok"), Ct);
        var e = await Assert.ThrowsAsync<DaprException>(() => outsider.Dapr.PublishEventAsync("privatepubsub", "secrets", new OrderEvent("no"), Ct));

        var rpc = Assert.IsType<RpcException>(e.InnerException);
        Assert.Equal(StatusCode.InvalidArgument, rpc.StatusCode);
        Assert.Equal("pubsub privatepubsub is not found", rpc.Status.Detail);
        Assert.Contains(cluster.Calls.Where("outsider", "pubsub", "publish", "privatepubsub/secrets"), c => c.Outcome.StartsWith("invalidargument"));
    }

    [Fact]
    public async Task PublishingScopes_refuse_an_unlisted_topic_with_PermissionDenied()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var app = await SampleApp.StartAsync(cluster, "limited");
        await using var other = await SampleApp.StartAsync(cluster, "unlisted");

        await app.Dapr.PublishEventAsync("guardedpubsub", "audit", new OrderEvent("ok"), Ct);
        await other.Dapr.PublishEventAsync("guardedpubsub", "anything", new OrderEvent("ok"), Ct);
        var e = await Assert.ThrowsAsync<DaprException>(() => app.Dapr.PublishEventAsync("guardedpubsub", "orders", new OrderEvent("no"), Ct));

        var rpc = Assert.IsType<RpcException>(e.InnerException);
        Assert.Equal(StatusCode.PermissionDenied, rpc.StatusCode);
        Assert.Equal("topic orders is not allowed for app id limited", rpc.Status.Detail);
    }

    [Fact]
    public async Task SubscriptionScopes_skip_a_subscription_to_an_unlisted_topic()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var app = await SampleApp.StartAsync(cluster, "limited", endpoints: web =>
        {
            web.MapPost("/audit", () => Results.Ok()).WithTopic("guardedpubsub", "audit");
            web.MapPost("/orders", () => Results.Ok()).WithTopic("guardedpubsub", "orders");
        });

        Assert.Equal(["audit"], cluster.PubSub.SubscriptionsOf("limited").Select(s => s.Topic));
        Assert.Contains(cluster.Calls.Where("limited", "pubsub", "subscribe", "guardedpubsub/orders"), c => c.Outcome.StartsWith("rejected"));
    }

    [Fact]
    public async Task Deliveries_while_the_app_is_down_arrive_after_it_is_brought_back()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var received = new ConcurrentQueue<OrderEvent>();
        await using var app = await SampleApp.StartAsync(cluster, "shipping", endpoints: web =>
            web.MapPost("/orders", (OrderEvent e) => { received.Enqueue(e); return Results.Ok(); }).WithTopic("pubsub", "order-events"));
        await using var publisher = await SampleApp.StartAsync(cluster, "ordering");

        app.Sidecar.TakeAppDown();
        for (var i = 0; i < 5; i++) await publisher.Dapr.PublishEventAsync("pubsub", "order-events", new OrderEvent($"o{i}"), Ct);
        await Quiet(cluster);
        Assert.Empty(received); // held, not retried away: more events than fastRetry allows attempts

        app.Sidecar.BringAppUp();
        await Eventually.TrueAsync(() => received.Count == 5, "held events were delivered");
        await Quiet(cluster);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"o{i}"), received.Select(e => e.OrderId).Order());
        Assert.DoesNotContain(cluster.Calls.Where("shipping", "pubsub", "deliver"), c => c.Outcome.StartsWith("retries-exhausted"));
    }

    [Fact]
    public async Task HTTP_publish_wraps_the_body_in_a_CloudEvent_with_the_callers_trace()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var capture = new CloudEventCapture();
        await using var app = await SampleApp.StartAsync(cluster, "shipping", CloudEventCapture.Into(capture), web =>
            web.MapPost("/orders", () => Results.Ok()).WithTopic("pubsub", "order-events"));
        using var http = new HttpClient { BaseAddress = new Uri(app.Sidecar.HttpEndpoint) };
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1.0/publish/pubsub/order-events?metadata.cloudevent.type=OrderShipped")
        {
            Content = JsonContent.Create(new OrderEvent("h-1")),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        using var response = await http.SendAsync(request, Ct);
        await Quiet(cluster);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var ce = Assert.Single(capture.EventsTo("/orders"));
        Assert.Equal("OrderShipped", ce.GetProperty("type").GetString());
        Assert.Equal("shipping", ce.GetProperty("source").GetString());
        Assert.Equal("h-1", ce.GetProperty("data").GetProperty("orderId").GetString());
        Assert.StartsWith($"00-{traceId}-", ce.GetProperty("traceparent").GetString());
    }

    [Fact]
    public async Task HTTP_publish_to_an_unknown_pubsub_answers_404_ERR_PUBSUB_NOT_FOUND()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var sidecar = await cluster.AddSidecarAsync("ordering");
        using var http = new HttpClient { BaseAddress = new Uri(sidecar.HttpEndpoint) };

        using var response = await http.PostAsync("/v1.0/publish/nosuch/order-events", JsonContent.Create(new OrderEvent("x")), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("ERR_PUBSUB_NOT_FOUND", error.RootElement.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task A_programmatic_subscription_replaces_a_declarative_one_for_the_same_topic()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var hits = new ConcurrentQueue<string>();
        await using var app = await SampleApp.StartAsync(cluster, "declarer", endpoints: web =>
        {
            web.MapPost("/declared", () => { hits.Enqueue("declared"); return Results.Ok(); });
            web.MapPost("/mine", () => { hits.Enqueue("programmatic"); return Results.Ok(); }).WithTopic("pubsub", "declared-events");
        });

        await app.Dapr.PublishEventAsync("pubsub", "declared-events", new OrderEvent("p"), Ct);
        await Quiet(cluster);

        Assert.Equal(["programmatic"], hits);
        Assert.False(Assert.Single(cluster.PubSub.SubscriptionsOf("declarer")).Declarative);
    }
}
