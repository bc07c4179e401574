using System.Threading.Channels;
using Dapr.DurableTask.Protobuf;

namespace DaprShop.LocalSidecar.Workflow;

/// <summary>
/// Hands an app's queued work items to its connected workers. Any connected stream may take any item
/// (replicas of an app share the queue, as with daprd). An item stays claimed by the stream that sent
/// it; when that stream ends, everything it had not answered goes back to the queue for the next one.
/// </summary>
sealed class WorkItemDispatcher(AppWorkflows app)
{
    readonly Channel<PendingWork> _queue = Channel.CreateUnbounded<PendingWork>();
    readonly List<WorkerStream> _streams = [];
    long _nextStreamId;

    /// <summary>Lock held.</summary>
    public int StreamCount => _streams.Count;

    /// <summary>Queued items are re-validated when a stream takes them, so moot ones are simply skipped.</summary>
    public void Enqueue(PendingWork work) => _queue.Writer.TryWrite(work);

    /// <summary>Lock held.</summary>
    public void DropAll()
    {
        foreach (var s in _streams) s.Drop();
    }

    public async Task ServeAsync(Func<WorkItem, Task> send, CancellationToken ct)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(ct, app.Shutdown);
        var stream = new WorkerStream(Interlocked.Increment(ref _nextStreamId), lifetime);
        lock (app.Gate) _streams.Add(stream);
        app.Record("worker-connected", $"worker {stream.Id}");
        try
        {
            while (true)
            {
                var work = await _queue.Reader.ReadAsync(stream.Ending);
                WorkItem? item;
                lock (app.Gate) item = app.Claim(work, stream);
                if (item is not null) await send(item);
            }
        }
        catch (OperationCanceledException) when (stream.Ending.IsCancellationRequested)
        {
            // The worker went away (app stopped or restarted) or the sidecar is stopping.
        }
        finally
        {
            lock (app.Gate)
            {
                _streams.Remove(stream);
                foreach (var work in stream.Claimed.ToList())
                {
                    work.Release();
                    Enqueue(work);
                    app.Record("requeue", AppWorkflows.Describe(work));
                }
                app.Changed();
            }
            app.Record("worker-disconnected", $"worker {stream.Id}");
        }
    }
}
