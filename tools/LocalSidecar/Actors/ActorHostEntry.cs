using DaprShop.LocalSidecar.Cluster;

namespace DaprShop.LocalSidecar.Actors;

/// <summary>Where placement sends an actor type: the app that declared it in <c>/dapr/config</c>, and its settings.</summary>
public sealed record ActorHostEntry(AppSidecar Sidecar, ActorTypeSettings Settings);
