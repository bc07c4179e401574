using System.Collections.Concurrent;

namespace DaprShop.LocalSidecar.Recording;

/// <summary>Every sidecar call of the cluster, in order, for tests to assert on what a service asked of Dapr.</summary>
public sealed class CallRecorder(TimeProvider time)
{
    readonly ConcurrentQueue<SidecarCall> _calls = new();

    public IReadOnlyList<SidecarCall> All => [.. _calls];

    public void Record(string appId, string api, string operation, string target, string outcome = "ok") =>
        _calls.Enqueue(new SidecarCall(time.GetUtcNow(), appId, api, operation, target, outcome));

    public IReadOnlyList<SidecarCall> Where(string? appId = null, string? api = null, string? operation = null, string? target = null) =>
        _calls.Where(c => (appId is null || c.AppId == appId) && (api is null || c.Api == api) &&
                          (operation is null || c.Operation == operation) && (target is null || c.Target == target)).ToList();

    public void Clear() => _calls.Clear();
}
