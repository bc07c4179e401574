namespace DaprShop.LocalSidecar.Recording;

/// <summary>
/// One thing an app asked of its sidecar, or the sidecar did for it.
/// <paramref name="Api"/>: state, pubsub, invoke, actors, workflow, bindings, secrets, configuration, metadata.
/// <paramref name="Target"/>: the key, topic, app/method, actor, instance or binding the call was about.
/// <paramref name="Outcome"/>: "ok" or a short reason (e.g. "aborted: etag mismatch", "injected-fault").
/// </summary>
public sealed record SidecarCall(
    DateTimeOffset At,
    string AppId,
    string Api,
    string Operation,
    string Target,
    string Outcome)
{
    public bool Succeeded => Outcome == "ok";

    public override string ToString() => $"{AppId} {Api}.{Operation} {Target} -> {Outcome}";
}
