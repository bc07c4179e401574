using Dapr.DurableTask.Protobuf;
using DaprShop.LocalSidecar.Cluster;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace DaprShop.LocalSidecar.Workflow;

/// <summary>
/// The sidecar's <c>TaskHubSidecarService</c> (the proto package is empty, hence the bare name), bound
/// by hand over <c>Dapr.DurableTask.Protobuf</c>'s messages because <c>Dapr.Workflow</c> ships only a
/// client. Each handler is a public virtual method named after its RPC. The app is known by which
/// sidecar port it dialled; the SDK sends no app-id header.
/// </summary>
[BindServiceMethod(typeof(TaskHubService), nameof(BindService))]
public class TaskHubService
{
    const string ServiceName = "TaskHubSidecarService";

    /// <summary>Set once by the sidecar that hosts this service.</summary>
    public AppSidecar Sidecar { get; set; } = null!;

    AppWorkflows Workflows => Sidecar.Cluster.Workflows.For(Sidecar.AppId);

    public static void BindService(ServiceBinderBase binder, TaskHubService? service)
    {
        var bound = new List<string>();
        Unary(binder, bound, "Hello", Empty.Parser, Empty.Parser);
        Unary(binder, bound, "StartInstance", CreateInstanceRequest.Parser, CreateInstanceResponse.Parser);
        Unary(binder, bound, "GetInstance", GetInstanceRequest.Parser, GetInstanceResponse.Parser);
        Unary(binder, bound, "WaitForInstanceStart", GetInstanceRequest.Parser, GetInstanceResponse.Parser);
        Unary(binder, bound, "WaitForInstanceCompletion", GetInstanceRequest.Parser, GetInstanceResponse.Parser);
        Unary(binder, bound, "RaiseEvent", RaiseEventRequest.Parser, RaiseEventResponse.Parser);
        Unary(binder, bound, "TerminateInstance", TerminateRequest.Parser, TerminateResponse.Parser);
        Unary(binder, bound, "SuspendInstance", SuspendRequest.Parser, SuspendResponse.Parser);
        Unary(binder, bound, "ResumeInstance", ResumeRequest.Parser, ResumeResponse.Parser);
        Unary(binder, bound, "PurgeInstances", PurgeInstancesRequest.Parser, PurgeInstancesResponse.Parser);
        Unary(binder, bound, "GetInstanceHistory", GetInstanceHistoryRequest.Parser, GetInstanceHistoryResponse.Parser);
        Unary(binder, bound, "ListInstanceIDs", ListInstanceIDsRequest.Parser, ListInstanceIDsResponse.Parser);
        Unary(binder, bound, "RerunWorkflowFromEvent", RerunWorkflowFromEventRequest.Parser, RerunWorkflowFromEventResponse.Parser);
        Unary(binder, bound, "CompleteActivityTask", ActivityResponse.Parser, CompleteTaskResponse.Parser);
        Unary(binder, bound, "CompleteOrchestratorTask", WorkflowResponse.Parser, CompleteTaskResponse.Parser);
        Unary(binder, bound, "CompleteWorkflowTask", WorkflowResponse.Parser, CompleteTaskResponse.Parser);
        binder.AddMethod(new Method<GetWorkItemsRequest, WorkItem>(MethodType.ServerStreaming, ServiceName, "GetWorkItems",
            Marshal(GetWorkItemsRequest.Parser), Marshal(WorkItem.Parser)), (ServerStreamingServerMethod<GetWorkItemsRequest, WorkItem>)null!);
        bound.Add("GetWorkItems");

        // A newer Dapr.Workflow with an RPC this list lacks should fail loudly here, not as UNIMPLEMENTED mid-test.
        var missing = TaskHubSidecarService.Descriptor.Methods.Select(m => m.Name).Except(bound, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"TaskHubSidecarService methods not bound by the local sidecar: {string.Join(", ", missing)}");
    }

    static Marshaller<T> Marshal<T>(MessageParser<T> parser) where T : IMessage<T> =>
        Marshallers.Create(m => m.ToByteArray(), parser.ParseFrom);

    static void Unary<TReq, TRes>(ServiceBinderBase b, List<string> bound, string name, MessageParser<TReq> req, MessageParser<TRes> res)
        where TReq : class, IMessage<TReq> where TRes : class, IMessage<TRes>
    {
        b.AddMethod(new Method<TReq, TRes>(MethodType.Unary, ServiceName, name, Marshal(req), Marshal(res)),
            (UnaryServerMethod<TReq, TRes>)null!);
        bound.Add(name);
    }

    /// <summary>Runs a client operation and records it with its outcome (the gRPC error, if any).</summary>
    async Task<T> Recorded<T>(string operation, string target, Func<Task<T>> body)
    {
        try
        {
            var result = await body();
            Workflows.Record(operation, target);
            return result;
        }
        catch (RpcException e)
        {
            Workflows.Record(operation, target, $"{e.StatusCode.ToString().ToLowerInvariant()}: {e.Status.Detail}");
            throw;
        }
        catch (OperationCanceledException)
        {
            Workflows.Record(operation, target, "cancelled");
            throw;
        }
    }

    public virtual Task<Empty> Hello(Empty request, ServerCallContext context)
    {
        Workflows.Record("hello", Sidecar.AppId);
        return Task.FromResult(new Empty());
    }

    public virtual Task<CreateInstanceResponse> StartInstance(CreateInstanceRequest request, ServerCallContext context) =>
        Recorded("start", request.InstanceId, async () =>
            new CreateInstanceResponse { InstanceId = await Workflows.StartAsync(request, context.CancellationToken) });

    public virtual Task<GetInstanceResponse> GetInstance(GetInstanceRequest request, ServerCallContext context) =>
        Recorded("get", request.InstanceId, () => Task.FromResult(Workflows.Get(request.InstanceId, request.GetInputsAndOutputs)));

    public virtual Task<GetInstanceResponse> WaitForInstanceStart(GetInstanceRequest request, ServerCallContext context) =>
        Recorded("wait-start", request.InstanceId,
            () => Workflows.WaitForStartAsync(request.InstanceId, request.GetInputsAndOutputs, context.CancellationToken));

    public virtual Task<GetInstanceResponse> WaitForInstanceCompletion(GetInstanceRequest request, ServerCallContext context) =>
        Recorded("wait-completion", request.InstanceId,
            () => Workflows.WaitForCompletionAsync(request.InstanceId, request.GetInputsAndOutputs, context.CancellationToken));

    public virtual Task<RaiseEventResponse> RaiseEvent(RaiseEventRequest request, ServerCallContext context) =>
        Recorded("raise-event", $"{request.InstanceId}:{request.Name}", () =>
        {
            Workflows.RaiseEvent(request);
            return Task.FromResult(new RaiseEventResponse());
        });

    public virtual Task<TerminateResponse> TerminateInstance(TerminateRequest request, ServerCallContext context) =>
        Recorded("terminate", request.InstanceId, async () =>
        {
            await Workflows.TerminateAsync(request, context.CancellationToken);
            return new TerminateResponse();
        });

    public virtual Task<SuspendResponse> SuspendInstance(SuspendRequest request, ServerCallContext context) =>
        Recorded("suspend", request.InstanceId, async () =>
        {
            await Workflows.SuspendAsync(request.InstanceId, request.Reason, context.CancellationToken);
            return new SuspendResponse();
        });

    public virtual Task<ResumeResponse> ResumeInstance(ResumeRequest request, ServerCallContext context) =>
        Recorded("resume", request.InstanceId, async () =>
        {
            await Workflows.ResumeAsync(request.InstanceId, request.Reason, context.CancellationToken);
            return new ResumeResponse();
        });

    public virtual Task<PurgeInstancesResponse> PurgeInstances(PurgeInstancesRequest request, ServerCallContext context) =>
        Recorded("purge", request.InstanceId, () =>
        {
            if (request.RequestCase != PurgeInstancesRequest.RequestOneofCase.InstanceId)
                throw new RpcException(new Status(StatusCode.Unimplemented, "the local sidecar purges by instance id only, not by filter"));
            return Task.FromResult(new PurgeInstancesResponse { DeletedInstanceCount = Workflows.Purge(request.InstanceId, request.Recursive) });
        });

    public virtual Task<GetInstanceHistoryResponse> GetInstanceHistory(GetInstanceHistoryRequest request, ServerCallContext context) =>
        Recorded("history", request.InstanceId, () =>
        {
            var response = new GetInstanceHistoryResponse();
            response.Events.AddRange(Workflows.History(request.InstanceId));
            return Task.FromResult(response);
        });

    public virtual Task<ListInstanceIDsResponse> ListInstanceIDs(ListInstanceIDsRequest request, ServerCallContext context) =>
        Recorded("list", Sidecar.AppId, () =>
            Task.FromResult(Workflows.List(request.HasContinuationToken ? request.ContinuationToken : null, request.PageSize)));

    public virtual Task<RerunWorkflowFromEventResponse> RerunWorkflowFromEvent(RerunWorkflowFromEventRequest request, ServerCallContext context) =>
        Recorded<RerunWorkflowFromEventResponse>("rerun", request.SourceInstanceID,
            () => throw new RpcException(new Status(StatusCode.Unimplemented, "the local sidecar does not rerun workflows from an event")));

    public virtual Task<CompleteTaskResponse> CompleteActivityTask(ActivityResponse request, ServerCallContext context)
    {
        // Unknown or stale completions are answered OK, as daprd does: an error would make the SDK drop its stream.
        Workflows.Record("complete-activity", $"{request.InstanceId}#{request.TaskId}", Workflows.CompleteActivity(request));
        return Task.FromResult(new CompleteTaskResponse());
    }

    public virtual Task<CompleteTaskResponse> CompleteOrchestratorTask(WorkflowResponse request, ServerCallContext context)
    {
        Workflows.Record("complete-workflow", request.InstanceId, Workflows.CompleteTurn(request));
        return Task.FromResult(new CompleteTaskResponse());
    }

    /// <summary>The newer name of <see cref="CompleteOrchestratorTask"/>; 1.19 still calls the old one.</summary>
    public virtual Task<CompleteTaskResponse> CompleteWorkflowTask(WorkflowResponse request, ServerCallContext context) =>
        CompleteOrchestratorTask(request, context);

    public virtual async Task GetWorkItems(GetWorkItemsRequest request, IServerStreamWriter<WorkItem> responseStream, ServerCallContext context)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, Sidecar.Stopping);
        await Workflows.ServeWorkerAsync(item => responseStream.WriteAsync(item, ending.Token), ending.Token);
    }
}
