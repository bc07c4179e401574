using System.Collections.Concurrent;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.PubSub;

/// <summary>
/// The cluster's in-memory message broker: one per cluster, topics per pubsub component, and per
/// subscribing app-id one consumer group per (pubsub, topic) — every app gets each message once.
/// Publishing validates as daprd (component visible to the app, topic scopes), wraps the payload in a
/// CloudEvent, and fans out to the subscribers known at that moment; messages are not retained for
/// apps that subscribe later.
/// </summary>
public sealed class PubSubBroker(LocalDaprCluster cluster) : IAsyncDisposable
{
    readonly Lock _lock = new();
    readonly Dictionary<(string App, string Pubsub, string Topic), TopicSubscriber> _subscribers = [];
    readonly ConcurrentDictionary<string, AppUpSignal> _upSignals = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<Task, byte> _running = new();
    readonly CancellationTokenSource _stopping = new();

    internal LocalDaprCluster Cluster => cluster;
    internal IdleTracker Idle { get; } = new();

    /// <summary>The subscriptions daprd would list for the app in its metadata (one per pubsub and topic).</summary>
    public IReadOnlyList<SubscriptionSpec> SubscriptionsOf(string appId)
    {
        lock (_lock) return _subscribers.Values.Where(s => s.AppId == appId).Select(s => s.Current.Spec).ToList();
    }

    /// <summary>
    /// Completes when no delivery is in progress or waiting to retry. Deliveries held for an app that
    /// was taken down do not count: they resume when it is brought up.
    /// </summary>
    public Task WhenIdleAsync(CancellationToken ct = default) => Idle.WhenIdle().WaitAsync(ct);

    /// <summary>
    /// daprd's start-up discovery: declarative subscriptions scoped to the app, then the app's
    /// <c>/dapr/subscribe</c>. Per (pubsub, topic) the first declarative one is kept unless the app
    /// declares the same topic programmatically (programmatic wins), as daprd's component store does.
    /// </summary>
    internal async Task OnAppConnectedAsync(AppSidecar sidecar, CancellationToken ct)
    {
        var effective = new Dictionary<(string, string), SubscriptionSpec>();
        foreach (var s in cluster.Resources.Subscriptions.Where(s => s.IsVisibleTo(sidecar.AppId)))
            effective.TryAdd((s.PubsubName, s.Topic), s);
        foreach (var s in await SubscribeEndpointReader.ReadAsync(sidecar, ct))
            effective[(s.PubsubName, s.Topic)] = s;

        var accepted = new List<SubscriptionSpec>();
        foreach (var spec in effective.Values)
        {
            var target = $"{spec.PubsubName}/{spec.Topic}";
            void Record(string outcome) => cluster.Calls.Record(sidecar.AppId, "pubsub", "subscribe", target, outcome);
            var component = cluster.Resources.Find("pubsub", spec.PubsubName);
            if (component is null || !sidecar.CanUse(component)) { Record($"rejected: pubsub {spec.PubsubName} is not found"); continue; }
            if (!TopicScopes.CanSubscribe(component, sidecar.AppId, spec.Topic))
            {
                Record($"rejected: subscription to topic '{spec.Topic}' on pubsub '{spec.PubsubName}' is not allowed");
                continue;
            }
            var routes = new RouteTable(spec);
            if (routes.IsEmpty) { Record("rejected: empty routes"); continue; }
            foreach (var bad in routes.UnsupportedRules) Record($"warning: unsupported match expression never matches: {bad}");
            Record("ok");
            accepted.Add(spec);
        }

        lock (_lock)
        {
            foreach (var key in _subscribers.Keys.Where(k => k.App == sidecar.AppId).ToList())
                if (!accepted.Any(s => (s.PubsubName, s.Topic) == (key.Pubsub, key.Topic))) _subscribers.Remove(key);
            foreach (var spec in accepted)
            {
                var key = (sidecar.AppId, spec.PubsubName, spec.Topic);
                if (_subscribers.TryGetValue(key, out var existing) && existing.Sidecar == sidecar) existing.Update(spec);
                else _subscribers[key] = new TopicSubscriber(sidecar, spec);
            }
        }
        UpSignal(sidecar.AppId).Release();
    }

    internal void OnAppBroughtUp(AppSidecar sidecar) => UpSignal(sidecar.AppId).Release();

    internal AppUpSignal UpSignal(string appId) => _upSignals.GetOrAdd(appId, _ => new AppUpSignal());

    /// <summary>Publishes one event for <paramref name="publisher"/>; throws <see cref="PubSubException"/> as daprd refuses.</summary>
    internal void Publish(AppSidecar publisher, Publication p, TraceContext trace)
    {
        var component = Resolve(publisher, p.Pubsub, p.Topic);
        try
        {
            var raw = CloudEventEnvelope.IsRawPayload(p.Metadata);
            var data = raw ? p.Data : CloudEventEnvelope.Wrap(p.Pubsub, p.Topic, publisher.AppId, p.Data, p.ContentType, p.Metadata, trace, cluster.Time.GetUtcNow());
            if (!TopicScopes.CanPublish(component, publisher.AppId, p.Topic)) throw PubSubException.Forbidden(p.Topic, publisher.AppId);
            if (cluster.Faults.TakePublishFailure(p.Topic)) throw PubSubException.PublishFailed(p.Pubsub, p.Topic, "injected fault");
            Enqueue(new BrokerMessage(p.Pubsub, p.Topic, data, MessageMetadata(p.Metadata, raw, trace)));
            RecordPublish(publisher.AppId, p.Pubsub, p.Topic, "ok");
        }
        catch (PubSubException e)
        {
            RecordPublish(publisher.AppId, p.Pubsub, p.Topic, Outcome(e));
            throw;
        }
    }

    /// <summary>
    /// Bulk publish: entries are validated and wrapped one by one, then all enqueued. The in-memory
    /// broker accepts every entry it is given, so the failed list is empty unless the whole call fails.
    /// </summary>
    internal IReadOnlyList<BulkFailure> BulkPublish(AppSidecar publisher, string pubsub, string topic,
        IReadOnlyDictionary<string, string> metadata, IReadOnlyList<BulkEntry> entries, Func<TraceContext> traceForEntry)
    {
        var component = Resolve(publisher, pubsub, topic);
        try
        {
            var raw = CloudEventEnvelope.IsRawPayload(metadata);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var messages = new List<BrokerMessage>();
            foreach (var entry in entries)
            {
                if (entry.EntryId.Length == 0 || !ids.Add(entry.EntryId))
                    throw PubSubException.BadEntries(pubsub, topic, "entryId is duplicated or not present for entry");
                // Entry metadata overrides request metadata key by key.
                var meta = new Dictionary<string, string>(metadata, StringComparer.Ordinal);
                foreach (var (k, v) in entry.Metadata) meta[k] = v;
                var trace = traceForEntry();
                var data = raw ? entry.Event : CloudEventEnvelope.Wrap(pubsub, topic, publisher.AppId, entry.Event, entry.ContentType, meta, trace, cluster.Time.GetUtcNow());
                messages.Add(new BrokerMessage(pubsub, topic, data, MessageMetadata(meta, raw, trace)));
            }
            if (!TopicScopes.CanPublish(component, publisher.AppId, topic)) throw PubSubException.Forbidden(topic, publisher.AppId);
            foreach (var m in messages)
            {
                Enqueue(m);
                RecordPublish(publisher.AppId, pubsub, topic, "ok");
            }
            return [];
        }
        catch (PubSubException e)
        {
            RecordPublish(publisher.AppId, pubsub, topic, Outcome(e));
            throw;
        }
    }

    ComponentSpec Resolve(AppSidecar publisher, string pubsub, string topic)
    {
        PubSubException? error = null;
        ComponentSpec? component = null;
        if (_stopping.IsCancellationRequested) error = PubSubException.Stopping(pubsub, topic);
        else if (string.IsNullOrEmpty(pubsub)) error = PubSubException.NameEmpty();
        // A component scoped away from the app is never loaded by its daprd: it is "not found" there.
        else if ((component = cluster.Resources.Find("pubsub", pubsub)) is null || !publisher.CanUse(component)) error = PubSubException.NotFound(pubsub);
        else if (string.IsNullOrEmpty(topic)) error = PubSubException.TopicEmpty(pubsub);
        if (error is null) return component!;
        RecordPublish(publisher.AppId, pubsub, topic, Outcome(error));
        throw error;
    }

    static Dictionary<string, string> MessageMetadata(IReadOnlyDictionary<string, string> metadata, bool raw, TraceContext trace)
    {
        var md = new Dictionary<string, string>(metadata, StringComparer.Ordinal);
        if (raw)
        {
            // A raw message has no envelope to carry the trace, so daprd puts it in the message metadata.
            md["traceid"] = trace.TraceParent;
            md["tracestate"] = trace.TraceState;
        }
        return md;
    }

    static string Outcome(PubSubException e) => $"{e.GrpcCode.ToString().ToLowerInvariant()}: {e.Message}";

    void RecordPublish(string appId, string pubsub, string topic, string outcome) =>
        cluster.Calls.Record(appId, "pubsub", "publish", $"{pubsub}/{topic}", outcome);

    void Enqueue(BrokerMessage message)
    {
        List<TopicSubscriber> targets;
        lock (_lock)
            targets = _subscribers.Values.Where(s => s.Current.Spec.PubsubName == message.Pubsub && s.Current.Spec.Topic == message.Topic).ToList();
        foreach (var s in targets) StartDelivery(s, message, applyFaults: true);
    }

    /// <summary>
    /// Re-publishes the original message to the dead-letter topic on behalf of the subscriber, as daprd
    /// does (the subscriber's publishing scopes apply).
    /// </summary>
    internal void DeadLetter(TopicSubscriber subscriber, BrokerMessage message, string deadLetterTopic)
    {
        var target = $"{message.Pubsub}/{message.Topic}";
        var component = cluster.Resources.Find("pubsub", message.Pubsub);
        if (component is null || !TopicScopes.CanPublish(component, subscriber.AppId, deadLetterTopic))
        {
            cluster.Calls.Record(subscriber.AppId, "pubsub", "deliver", target, $"dead-letter refused: topic {deadLetterTopic} is not allowed for app id {subscriber.AppId}");
            return;
        }
        cluster.Calls.Record(subscriber.AppId, "pubsub", "deliver", target, $"dead-letter: {deadLetterTopic}");
        RecordPublish(subscriber.AppId, message.Pubsub, deadLetterTopic, "ok: dead-letter");
        Enqueue(message with { Topic = deadLetterTopic });
    }

    internal RetryPolicy PolicyFor(string appId, string pubsub)
    {
        return cluster.Resources.ResiliencyFor(appId).InboundRetryFor(pubsub) ?? RetryPolicy.DefaultFor(cluster.Options.DefaultRetryInterval);
    }

    internal void StartDelivery(TopicSubscriber subscriber, BrokerMessage message, bool applyFaults)
    {
        if (_stopping.IsCancellationRequested) return;
        Idle.Enter();
        var ct = _stopping.Token;
        var task = Task.Run(async () =>
        {
            try
            {
                await new Delivery(this, subscriber, message).RunAsync(applyFaults, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // the cluster is shutting down: in-flight retries stop here
            }
            catch (Exception e)
            {
                cluster.Calls.Record(subscriber.AppId, "pubsub", "deliver", $"{message.Pubsub}/{message.Topic}", $"error: {e.Message}");
            }
            finally
            {
                Idle.Exit();
            }
        }, CancellationToken.None);
        _running[task] = 0;
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested) return;
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Keys);
        _stopping.Dispose();
    }
}
