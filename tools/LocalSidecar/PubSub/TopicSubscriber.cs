using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.PubSub;

/// <summary>
/// One app's subscription to one topic: its consumer group on the in-memory broker. The spec and
/// routes are swapped together when the app is re-read after a restart; deliveries in flight keep the
/// snapshot they started with.
/// </summary>
internal sealed class TopicSubscriber(AppSidecar sidecar, SubscriptionSpec spec)
{
    volatile Snapshot _current = new(spec, new RouteTable(spec));

    public AppSidecar Sidecar { get; } = sidecar;
    public string AppId => Sidecar.AppId;
    public Snapshot Current => _current;

    public void Update(SubscriptionSpec next) => _current = new(next, new RouteTable(next));

    internal sealed record Snapshot(SubscriptionSpec Spec, RouteTable Routes);
}
