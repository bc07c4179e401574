using Dapr.Workflow;

namespace DaprShop.LocalSidecar.Tests.Workflow;

// Small workflows the conformance tests drive through the official SDK. Activities are registered
// per test (as lambdas over a WorkflowProbe) so each test controls how they behave.

public sealed record GreetInput(string Name, int TimerMs);

/// <summary>Activity, then a durable timer, then an external event.</summary>
public sealed class GreetThenWaitWorkflow : Workflow<GreetInput, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, GreetInput input)
    {
        var greeting = await context.CallActivityAsync<string>("Greet", input.Name);
        await context.CreateTimer(TimeSpan.FromMilliseconds(input.TimerMs));
        var approval = await context.WaitForExternalEventAsync<string>("approval");
        return $"{greeting}|{approval}";
    }
}

/// <summary>Waits for "approval" at most the given number of milliseconds.</summary>
public sealed class ApprovalWithTimeoutWorkflow : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, int timeoutMs)
    {
        try
        {
            return await context.WaitForExternalEventAsync<string>("approval", TimeSpan.FromMilliseconds(timeoutMs));
        }
        catch (TaskCanceledException)
        {
            return "timed out";
        }
    }
}

/// <summary>Reserve, charge, and on a failed charge release the reservation (the order saga in miniature).</summary>
public sealed class ReserveAndChargeWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string orderId)
    {
        await context.CallActivityAsync<string>("Reserve", orderId);
        try
        {
            await context.CallActivityAsync<string>("Charge", orderId);
            return "charged";
        }
        catch (WorkflowTaskFailedException e)
        {
            await context.CallActivityAsync<string>("Release", orderId);
            return $"compensated: {e.FailureDetails.ErrorMessage}";
        }
    }
}

public sealed class RetryingWorkflow : Workflow<string, string>
{
    public override Task<string> RunAsync(WorkflowContext context, string input) =>
        context.CallActivityAsync<string>("Flaky", input,
            new WorkflowTaskOptions(new WorkflowRetryPolicy(maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromMilliseconds(50))));
}

/// <summary>Step one, then a wait ("event" for the "go" event, "timer" for a short timer), then step two.</summary>
public sealed class TwoStepWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string waitOn)
    {
        var one = await context.CallActivityAsync<string>("StepOne", waitOn);
        context.SetCustomStatus("waiting");
        if (waitOn == "timer") await context.CreateTimer(TimeSpan.FromMilliseconds(1500));
        else await context.WaitForExternalEventAsync<string>("go");
        var two = await context.CallActivityAsync<string>("StepTwo", waitOn);
        return $"{one}+{two}";
    }
}

/// <summary>Step one, then a step that can be held in flight.</summary>
public sealed class SlowStepWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        var one = await context.CallActivityAsync<string>("StepOne", input);
        var slow = await context.CallActivityAsync<string>("Slow", input);
        return $"{one}+{slow}";
    }
}

public sealed class WaitForeverWorkflow : Workflow<string?, string>
{
    public override Task<string> RunAsync(WorkflowContext context, string? input) =>
        context.WaitForExternalEventAsync<string>("never");
}

/// <summary>Waits on the event "go" and returns its payload.</summary>
public sealed class WaitForGoWorkflow : Workflow<string?, string>
{
    public override Task<string> RunAsync(WorkflowContext context, string? input) =>
        context.WaitForExternalEventAsync<string>("go");
}

public sealed class ParentWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input) =>
        $"parent({await context.CallChildWorkflowAsync<string>(nameof(ChildWorkflow), input)})";
}

public sealed class ChildWorkflow : Workflow<string, string>
{
    public override Task<string> RunAsync(WorkflowContext context, string input) =>
        context.CallActivityAsync<string>("Greet", input);
}

/// <summary>Starts a child that never finishes, under a known instance id.</summary>
public sealed class ParentOfWaiterWorkflow : Workflow<string?, string>
{
    public override Task<string> RunAsync(WorkflowContext context, string? input) =>
        context.CallChildWorkflowAsync<string>(nameof(WaitForeverWorkflow), null,
            new ChildWorkflowTaskOptions(InstanceId: context.InstanceId + "-child"));
}

/// <summary>Records its input, then continues as new with one less until zero.</summary>
public sealed class CountdownWorkflow : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, int n)
    {
        await context.CallActivityAsync<string>("Record", n);
        if (n == 0) return "liftoff";
        context.ContinueAsNew(n - 1);
        return "";
    }
}

/// <summary>Generation 0 waits on a timer and continues as new; generation 1 waits for "ping".</summary>
public sealed class CarryOverWorkflow : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, int generation)
    {
        if (generation > 0) return await context.WaitForExternalEventAsync<string>("ping");
        await context.CreateTimer(TimeSpan.FromMilliseconds(800));
        context.ContinueAsNew(generation + 1);
        return "";
    }
}

public sealed class FailingWorkflow : Workflow<string, string>
{
    public override Task<string> RunAsync(WorkflowContext context, string input) =>
        throw new InvalidOperationException($"boom: {input}");
}

/// <summary>Step one, a durable timer of the given minutes, step two, then the event "go" (restart tests stop the cluster on the way).</summary>
public sealed class StepsTimerEventWorkflow : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, int timerMinutes)
    {
        var one = await context.CallActivityAsync<string>("StepOne", "a");
        context.SetCustomStatus("on the timer");
        await context.CreateTimer(TimeSpan.FromMinutes(timerMinutes));
        var two = await context.CallActivityAsync<string>("StepTwo", "b");
        context.SetCustomStatus("waiting");
        var go = await context.WaitForExternalEventAsync<string>("go");
        return $"{one}+{two}+{go}";
    }
}
