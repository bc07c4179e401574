using System.Net;
using Dapr.Workflow;
using DaprShop.Ordering.Downstream;

namespace DaprShop.Ordering.Saga.Activities;

/// <summary>
/// users: the buyer exists in the tenant and is not locked, the shipping address is theirs and a shipping address, the
/// billing address theirs and a billing address. Read-only, so running it twice is harmless.
/// </summary>
internal sealed class ValidateBuyerActivity(ServiceInvoker invoker) : WorkflowActivity<OrderSagaInput, StepResult>
{
    public override async Task<StepResult> RunAsync(WorkflowActivityContext context, OrderSagaInput input)
    {
        foreach (var (addressId, type) in new[] { (input.ShippingAddressId, "SHIPPING"), (input.BillingAddressId, "BILLING") })
        {
            var answer = await invoker.SendAsync(AppIds.Users, HttpMethod.Get,
                $"/internal/v1/users/{input.CustomerId}/validation?addressId={addressId}&type={type}", input.TenantId, null, CancellationToken.None);
            if (answer.IsSuccess) continue;
            return answer.Status switch
            {
                HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Locked =>
                    StepResult.Refused($"{type.ToLowerInvariant()} address or buyer refused: {answer.ProblemDetail}"),
                // 400/401/403 mean our call is wrong or not allowed: retrying cannot help, but it is not the buyer's fault either.
                _ => throw new DependencyUnavailableException(AppIds.Users, $"validation answered {(int)answer.Status}: {answer.ProblemDetail}"),
            };
        }
        return StepResult.Done;
    }
}
