namespace DaprShop.LocalSidecar.Actors;

/// <summary>The activation a call was queued on was deactivated first; the caller retries on a fresh activation.</summary>
public sealed class ActorClosedException(string actorKey) : Exception($"actor {actorKey} was deactivated");
