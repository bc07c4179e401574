using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Faults;

namespace DaprShop.LocalSidecar.PubSub;

/// <summary>
/// Hands one broker message to one subscriber as daprd's HTTP postman does: build the event, pick the
/// route, POST <c>application/cloudevents+json</c>, and act on the answer — retry per the component's
/// inbound resiliency policy, drop, or dead-letter. Held (not retried) while the app is taken down,
/// as daprd stops its subscriptions while an app is unhealthy.
/// </summary>
internal sealed class Delivery(PubSubBroker broker, TopicSubscriber subscriber, BrokerMessage message)
{
    string Target => $"{message.Pubsub}/{message.Topic}";

    void Record(string outcome) => broker.Cluster.Calls.Record(subscriber.AppId, "pubsub", "deliver", Target, outcome);

    public async Task RunAsync(bool applyFaults, CancellationToken ct)
    {
        if (applyFaults && broker.Cluster.Faults.TakeDeliveryFault(message.Topic) is { } fault)
        {
            switch (fault.Fault)
            {
                case DeliveryFault.Drop:
                    Record("injected-drop");
                    return;
                case DeliveryFault.Duplicate:
                    Record("injected-duplicate");
                    broker.StartDelivery(subscriber, message, applyFaults: false);
                    break;
                case DeliveryFault.Delay:
                    Record($"injected-delay: {fault.Delay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms");
                    await Task.Delay(fault.Delay, broker.Cluster.Time, ct);
                    break;
            }
        }

        var snapshot = subscriber.Current;
        var spec = snapshot.Spec;
        if (!TryPrepare(snapshot, out var body, out var cloudEvent, out var problem))
        {
            Finish(spec.DeadLetterTopic, problem!);
            return;
        }
        using var ceDoc = cloudEvent!;
        var ce = ceDoc.RootElement;

        if (IsExpired(ce))
        {
            Finish(spec.DeadLetterTopic, "DROP: expired");
            return;
        }

        string? path;
        try
        {
            path = snapshot.Routes.Select(ce);
        }
        catch (InvalidOperationException e)
        {
            Finish(spec.DeadLetterTopic, $"DROP: route match failed: {e.Message}");
            return;
        }
        if (path is null)
        {
            Finish(spec.DeadLetterTopic, "DROP: no matching route");
            return;
        }

        var traceParent = Str(ce, "traceparent") ?? Str(ce, "traceid");
        var traceState = Str(ce, "tracestate");
        var policy = broker.PolicyFor(subscriber.AppId, message.Pubsub);
        var retries = 0;
        var firstAttempt = broker.Cluster.Time.GetUtcNow();
        while (true)
        {
            // An unreachable app fails synchronously; without this check a cancelled loop could spin.
            ct.ThrowIfCancellationRequested();
            await WaitWhileAppDownAsync(ct);
            var (verdict, outcome, appDown) = await SendAsync(path, body, traceParent, traceState, ct);
            Record(outcome);
            switch (verdict)
            {
                case AppVerdict.Success:
                    return;
                case AppVerdict.Drop:
                    // daprd sends dropped messages (DROP status or 404) to the dead-letter topic when one is set.
                    if (spec.DeadLetterTopic is { } dlq) broker.DeadLetter(subscriber, message, dlq);
                    return;
            }
            if (appDown) continue; // taken down mid-flight: hold instead of spending retries
            if (!policy.AllowsRetry(retries, broker.Cluster.Time.GetUtcNow() - firstAttempt))
            {
                Finish(spec.DeadLetterTopic, $"retries-exhausted after {retries + 1} attempts");
                return;
            }
            retries++;
            await Task.Delay(policy.DelayBefore(retries), broker.Cluster.Time, ct);
        }
    }

    /// <summary>Gives up on the message: to the dead-letter topic when one is set, else recorded and lost.</summary>
    void Finish(string? deadLetterTopic, string outcome)
    {
        Record(outcome);
        if (deadLetterTopic is not null) broker.DeadLetter(subscriber, message, deadLetterTopic);
    }

    bool TryPrepare(TopicSubscriber.Snapshot snapshot, out byte[] body, out JsonDocument? cloudEvent, out string? problem)
    {
        problem = null;
        cloudEvent = null;
        if (snapshot.Spec.RawPayload)
        {
            body = JsonSerializer.SerializeToUtf8Bytes(CloudEventEnvelope.FromRawPayload(message.Data, message.Topic, message.Pubsub, message.Metadata));
            cloudEvent = JsonDocument.Parse(body);
            return true;
        }
        // Without rawPayload the broker bytes must be a CloudEvent; daprd forwards them unchanged.
        body = message.Data;
        try
        {
            var doc = JsonDocument.Parse(message.Data);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                cloudEvent = doc;
                return true;
            }
            doc.Dispose();
        }
        catch (JsonException) { }
        problem = "undeliverable: not a CloudEvent (published with rawPayload? subscribe with rawPayload=true)";
        return false;
    }

    bool IsExpired(JsonElement ce) =>
        Str(ce, "expiration") is { Length: > 0 } exp &&
        DateTimeOffset.TryParse(exp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) &&
        at < broker.Cluster.Time.GetUtcNow();

    async Task WaitWhileAppDownAsync(CancellationToken ct)
    {
        var recorded = false;
        while (true)
        {
            var up = broker.UpSignal(subscriber.AppId).Next;
            if (!IsTakenDown(subscriber.Sidecar)) return;
            if (!recorded) Record("held: app down");
            recorded = true;
            // A held message does not keep the broker busy: WhenIdleAsync reports quiescence meanwhile.
            broker.Idle.Exit();
            try { await up.WaitAsync(ct); }
            finally { broker.Idle.Enter(); }
        }
    }

    static bool IsTakenDown(AppSidecar sidecar) => sidecar.App.Port is not null && !sidecar.App.IsUp;

    async Task<(AppVerdict Verdict, string Outcome, bool AppDown)> SendAsync(string path, byte[] body, string? traceParent, string? traceState, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(CloudEventEnvelope.ContentType);
        // daprd passes the message metadata (publish metadata plus pubsubName) as request headers.
        foreach (var (key, value) in message.Metadata)
            if (key is not ("traceparent" or "tracestate" or "traceid")) request.Headers.TryAddWithoutValidation(key, value);
        request.Headers.TryAddWithoutValidation("pubsubName", message.Pubsub);
        if (!string.IsNullOrEmpty(traceParent)) request.Headers.TryAddWithoutValidation("traceparent", traceParent);
        if (!string.IsNullOrEmpty(traceState)) request.Headers.TryAddWithoutValidation("tracestate", traceState);
        try
        {
            using var response = await subscriber.Sidecar.App.SendAsync(request, ct);
            var answer = await response.Content.ReadAsByteArrayAsync(ct);
            var (verdict, outcome) = AppVerdicts.Classify(response.StatusCode, answer);
            return (verdict, outcome, false);
        }
        catch (AppUnavailableException)
        {
            return (AppVerdict.Retry, "RETRY: app unavailable", IsTakenDown(subscriber.Sidecar));
        }
    }

    static string? Str(JsonElement ce, string name) =>
        ce.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
