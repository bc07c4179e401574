using System.Collections.Concurrent;

namespace DaprShop.LocalSidecar.Tests.Workflow;

/// <summary>
/// Test-owned state the sample app's activities report to. It lives outside the app's DI container,
/// so counts survive <c>SampleApp.RestartAsync</c> (which builds a new container).
/// </summary>
public sealed class WorkflowProbe
{
    readonly ConcurrentDictionary<string, int> _runs = new(StringComparer.Ordinal);
    readonly ConcurrentQueue<string> _log = new();

    /// <summary>Held closed until a test opens it: lets an activity stay in flight on purpose.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Ran(string activity)
    {
        _log.Enqueue(activity);
        return _runs.AddOrUpdate(activity, 1, (_, n) => n + 1);
    }

    public int Runs(string activity) => _runs.GetValueOrDefault(activity);

    public IReadOnlyList<string> Log => [.. _log];
}
