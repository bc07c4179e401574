using System.Text;
using DaprShop.Gateway.Errors;

namespace DaprShop.Gateway.UnitTests;

public sealed class SidecarErrorsTests
{
    static SidecarFailure Classify(string json) => SidecarErrors.Classify(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("failed to invoke, id: catalog, err: context deadline exceeded", nameof(SidecarFailure.TimedOut))]
    [InlineData("failed to invoke, id: catalog, err: rpc error: code = DeadlineExceeded desc = context deadline exceeded", nameof(SidecarFailure.TimedOut))]
    [InlineData("failed to invoke, id: catalog, err: timeout waiting for response", nameof(SidecarFailure.TimedOut))]
    [InlineData("failed to invoke, id: catalog, err: circuit breaker is open", nameof(SidecarFailure.BreakerOpen))]
    [InlineData("failed to invoke, id: catalog, err: too many requests", nameof(SidecarFailure.BreakerOpen))]
    [InlineData("failed to invoke, id: catalog, err: failed to resolve address for 'catalog-dapr.default.svc.cluster.local': no such host", nameof(SidecarFailure.Unavailable))]
    [InlineData("failed to invoke, id: catalog, err: dial tcp 127.0.0.1:8084: connect: connection refused", nameof(SidecarFailure.Unavailable))]
    [InlineData(null, nameof(SidecarFailure.Unavailable))]
    public void Direct_invocation_errors_are_read_from_daprds_message(string? message, string expected)
    {
        Assert.Equal(Enum.Parse<SidecarFailure>(expected), SidecarErrors.Classify("ERR_DIRECT_INVOKE", message));
    }

    [Theory]
    [InlineData("ERR_PERMISSION_DENIED")]
    [InlineData("ERR_DIRECT_INVOKE_NO_APP_ID")]
    [InlineData("ERR_API_UNAUTHORIZED")]
    public void Other_sidecar_errors_are_refusals(string code)
    {
        Assert.Equal(SidecarFailure.Refused, SidecarErrors.Classify(code, "anything"));
    }

    [Theory]
    [InlineData("""{"errorCode":"ERR_DIRECT_INVOKE","message":"failed to invoke, id: x, err: context deadline exceeded"}""", nameof(SidecarFailure.TimedOut))]
    [InlineData("""{"message":"circuit breaker is open","errorCode":"ERR_DIRECT_INVOKE","details":[]}""", nameof(SidecarFailure.BreakerOpen))]
    [InlineData("""{"errorCode":"ERR_PERMISSION_DENIED","message":"access control policy has denied access"}""", nameof(SidecarFailure.Refused))]
    public void A_daprd_error_body_is_recognised(string json, string expected)
    {
        Assert.Equal(Enum.Parse<SidecarFailure>(expected), Classify(json));
    }

    [Theory]
    [InlineData("""{"type":"https://daprshop.dev/problems/internal","title":"x","status":500}""")]
    [InlineData("""{"error":"invalid_grant","error_description":"The token is invalid."}""")]
    [InlineData("""{"errorCode":"OUT_OF_STOCK","message":"a service's own code"}""")]
    [InlineData("""{"errorCode":42}""")]
    [InlineData("""["ERR_DIRECT_INVOKE"]""")]
    [InlineData("not json at all")]
    [InlineData("")]
    public void A_services_own_error_is_not_the_sidecars(string body)
    {
        Assert.Equal(SidecarFailure.None, Classify(body));
    }

    [Theory]
    [InlineData(500, "application/json", true)]
    [InlineData(403, "application/json", true)]
    [InlineData(500, "application/problem+json", false)]
    [InlineData(200, "application/json", false)]
    [InlineData(302, "application/json", false)]
    [InlineData(500, null, false)]
    [InlineData(500, "text/plain", false)]
    public void Only_plain_JSON_error_answers_are_inspected(int status, string? contentType, bool inspected)
    {
        Assert.Equal(inspected, SidecarErrors.MayBeSidecarError(status, contentType));
    }
}
