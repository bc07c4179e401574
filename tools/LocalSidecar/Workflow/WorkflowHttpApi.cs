using System.Text;
using Dapr.DurableTask.Protobuf;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Http;
using Google.Protobuf;
using Grpc.Core;
using GetWorkflowResponse = Dapr.Client.Autogen.Grpc.v1.GetWorkflowResponse;
using StartWorkflowResponse = Dapr.Client.Autogen.Grpc.v1.StartWorkflowResponse;

namespace DaprShop.LocalSidecar.Workflow;

/// <summary>
/// The workflow HTTP API (v1.0, v1.0-beta1, v1.0-alpha1) over the same backend as the SDK's gRPC calls:
/// <c>POST /workflows/{component}/{name}/start?instanceID=</c> (the body is the input) → 202 <c>{"instanceID"}</c>;
/// <c>GET /workflows/{component}/{id}</c> → daprd's GetWorkflowResponse JSON; terminate, <c>raiseEvent/{event}</c>
/// (the body is the event data), pause, resume and purge → 202. The component name is not checked (daprd
/// ignores it); <c>?appID=</c> addresses another app's workflows.
/// </summary>
internal static class WorkflowHttpApi
{
    const int MaxInstanceIdLength = 64;

    static readonly Dictionary<OrchestrationStatus, string> StatusNames = new()
    {
        [OrchestrationStatus.Running] = "RUNNING",
        [OrchestrationStatus.Completed] = "COMPLETED",
        [OrchestrationStatus.ContinuedAsNew] = "CONTINUED_AS_NEW",
        [OrchestrationStatus.Failed] = "FAILED",
        [OrchestrationStatus.Canceled] = "CANCELED",
        [OrchestrationStatus.Terminated] = "TERMINATED",
        [OrchestrationStatus.Pending] = "PENDING",
        [OrchestrationStatus.Suspended] = "SUSPENDED",
    };

    public static void Map(WebApplication web, AppSidecar sidecar)
    {
        foreach (var version in new[] { "v1.0", "v1.0-beta1", "v1.0-alpha1" })
        {
            var root = $"/{version}/workflows/{{component}}";

            web.MapPost(root + "/{name}/start", async (string name, HttpContext ctx) =>
            {
                var id = ctx.Request.Query["instanceID"].FirstOrDefault();
                if (string.IsNullOrEmpty(id)) id = Guid.NewGuid().ToString();
                if (InvalidForCreate(id) is { } invalid) return invalid;
                if (Target(sidecar, ctx) is not { } workflows) return InvalidAppId(ctx);
                var input = await ReadBodyAsync(ctx);
                try
                {
                    await workflows.StartAsync(new CreateInstanceRequest { InstanceId = id, Name = name, Input = input }, ctx.RequestAborted);
                    workflows.Record("start", id);
                    return Proto(new StartWorkflowResponse { InstanceId = id }, StatusCodes.Status202Accepted);
                }
                catch (RpcException e)
                {
                    workflows.Record("start", id, e.Status.Detail);
                    return DaprHttp.Error(500, "ERR_START_WORKFLOW", $"error starting workflow '{name}': unable to start workflow: {e.Status.Detail}");
                }
            });

            web.MapGet(root + "/{id}", (string id, HttpContext ctx) =>
            {
                if (Target(sidecar, ctx) is not { } workflows) return InvalidAppId(ctx);
                var found = workflows.Get(id, withPayloads: true);
                workflows.Record("get", id, found.Exists ? "ok" : "not found");
                if (!found.Exists) return NotFound(id);
                return Proto(ToResponse(found.WorkflowState), StatusCodes.Status200OK);
            });

            web.MapPost(root + "/{id}/terminate", (string id, HttpContext ctx) => Operation(sidecar, ctx, id, "terminate",
                w => w.TerminateAsync(new TerminateRequest { InstanceId = id, Recursive = true }, ctx.RequestAborted),
                detail => DaprHttp.Error(500, "ERR_TERMINATE_WORKFLOW", $"error terminating workflow '{id}': failed to terminate workflow {id}: {detail}")));

            web.MapPost(root + "/{id}/raiseEvent/{eventName}", async (string id, string eventName, HttpContext ctx) =>
            {
                var data = await ReadBodyAsync(ctx);
                return await Operation(sidecar, ctx, id, "raise-event", w =>
                    {
                        w.RaiseEvent(new RaiseEventRequest { InstanceId = id, Name = eventName, Input = data });
                        return Task.CompletedTask;
                    },
                    detail => DaprHttp.Error(500, "ERR_RAISE_EVENT_WORKFLOW",
                        $"error raising event on workflow '{id}': failed to raise event {eventName} on workflow {id}: {detail}"),
                    notFoundIsError: false);
            });

            web.MapPost(root + "/{id}/pause", (string id, HttpContext ctx) => Operation(sidecar, ctx, id, "suspend",
                w => w.SuspendAsync(id, null, ctx.RequestAborted),
                detail => DaprHttp.Error(500, "ERR_PAUSE_WORKFLOW", $"error pausing workflow {id}: failed to pause workflow {id}: {detail}"),
                notFoundIsError: false));

            web.MapPost(root + "/{id}/resume", (string id, HttpContext ctx) => Operation(sidecar, ctx, id, "resume",
                w => w.ResumeAsync(id, null, ctx.RequestAborted),
                detail => DaprHttp.Error(500, "ERR_RESUME_WORKFLOW", $"error resuming workflow {id}: failed to resume workflow {id}: {detail}"),
                notFoundIsError: false));

            web.MapPost(root + "/{id}/purge", (string id, HttpContext ctx) => Operation(sidecar, ctx, id, "purge",
                w =>
                {
                    w.Purge(id, recursive: true);
                    return Task.CompletedTask;
                },
                detail => DaprHttp.Error(500, "ERR_PURGE_WORKFLOW", $"error purging workflow {id}: failed to Purge workflow {id}: {detail}")));
        }
    }

    /// <summary>
    /// Runs an operation on an instance. daprd answers an unknown instance with 404 ERR_INSTANCE_ID_NOT_FOUND for
    /// terminate and purge, and with the operation's own 500 error for raise event, pause and resume.
    /// </summary>
    static async Task<IResult> Operation(AppSidecar sidecar, HttpContext ctx, string id, string name, Func<AppWorkflows, Task> run,
        Func<string, IResult> failed, bool notFoundIsError = true)
    {
        if (Target(sidecar, ctx) is not { } workflows) return InvalidAppId(ctx);
        if (notFoundIsError && !workflows.Get(id, withPayloads: false).Exists)
        {
            workflows.Record(name, id, "not found");
            return NotFound(id);
        }
        try
        {
            await run(workflows);
            workflows.Record(name, id);
            return Proto(new Google.Protobuf.WellKnownTypes.Empty(), StatusCodes.Status202Accepted);
        }
        catch (RpcException e)
        {
            workflows.Record(name, id, e.Status.Detail);
            return failed(e.Status.Detail);
        }
    }

    static GetWorkflowResponse ToResponse(WorkflowState s)
    {
        var response = new GetWorkflowResponse
        {
            InstanceId = s.InstanceId,
            WorkflowName = s.Name,
            CreatedAt = s.CreatedTimestamp,
            LastUpdatedAt = s.LastUpdatedTimestamp,
            RuntimeStatus = StatusNames.GetValueOrDefault(s.WorkflowStatus, "UNKNOWN"),
        };
        if (s.CustomStatus is not null) response.Properties["dapr.workflow.custom_status"] = s.CustomStatus;
        if (s.Input is not null) response.Properties["dapr.workflow.input"] = s.Input;
        if (s.Output is not null && s.FailureDetails is null) response.Properties["dapr.workflow.output"] = s.Output;
        if (s.FailureDetails is { } f)
        {
            response.Properties["dapr.workflow.failure.error_type"] = f.ErrorType;
            response.Properties["dapr.workflow.failure.error_message"] = f.ErrorMessage;
            if (f.StackTrace is not null) response.Properties["dapr.workflow.failure.stack_trace"] = f.StackTrace;
        }
        return response;
    }

    /// <summary>The workflows the request addresses: this app's, or another app's with <c>?appID=</c>; null for an invalid app id.</summary>
    static AppWorkflows? Target(AppSidecar sidecar, HttpContext ctx)
    {
        var appId = ctx.Request.Query["appID"].FirstOrDefault();
        if (string.IsNullOrEmpty(appId)) return sidecar.Cluster.Workflows.For(sidecar.AppId);
        return appId.All(c => char.IsLetterOrDigit(c) || c is '-' or '_') ? sidecar.Cluster.Workflows.For(appId) : null;
    }

    static IResult InvalidAppId(HttpContext ctx) => DaprHttp.Error(400, "ERR_WORKFLOW_APP_ID_INVALID",
        $"workflow app ID '{ctx.Request.Query["appID"]}' is invalid: only alphanumeric, dash and underscore characters are allowed");

    static IResult? InvalidForCreate(string id)
    {
        if (id.Length > MaxInstanceIdLength)
            return DaprHttp.Error(400, "ERR_INSTANCE_ID_TOO_LONG", $"workflow instance ID exceeds the max length of {MaxInstanceIdLength} characters");
        return id.All(c => char.IsLetterOrDigit(c) || c is '-' or '_')
            ? null
            : DaprHttp.Error(400, "ERR_INSTANCE_ID_INVALID", $"workflow instance ID '{id}' is invalid: only alphanumeric and underscore characters are allowed");
    }

    static IResult NotFound(string id) =>
        DaprHttp.Error(404, "ERR_INSTANCE_ID_NOT_FOUND", $"unable to find workflow with the provided instance ID: {id}");

    /// <summary>daprd takes the body as is, whatever its format, as the input or event data.</summary>
    static async Task<string> ReadBodyAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(ctx.RequestAborted);
    }

    /// <summary>daprd writes its proto responses with protojson (json_name field names, defaults left out), compact.</summary>
    static IResult Proto(IMessage message, int status)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(JsonFormatter.Default.Format(message));
        return Results.Text(System.Text.Json.JsonSerializer.Serialize(doc.RootElement, Compact), "application/json", Encoding.UTF8, status);
    }

    static readonly System.Text.Json.JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
