using DaprShop.ServiceDefaults.Problems;
using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.ServiceDefaults.UnitTests;

public sealed class TenantContextTests
{
    [Fact]
    public void A_scope_starts_with_no_tenant() => Assert.Null(new TenantContext().TenantId);

    [Fact]
    public void Setting_the_same_tenant_twice_is_harmless()
    {
        var ctx = new TenantContext();
        var t = Guid.CreateVersion7();

        ctx.Set(t);
        ctx.Set(t);

        Assert.Equal(t, ctx.TenantId);
    }

    [Fact]
    public void Switching_a_scope_to_another_tenant_is_refused()
    {
        var ctx = new TenantContext();
        ctx.Set(Guid.CreateVersion7());

        Assert.Throws<TenantIsolationException>(() => ctx.Set(Guid.CreateVersion7()));
    }

    [Theory]
    [InlineData(400, ProblemTypes.BadRequest)]
    [InlineData(401, ProblemTypes.Unauthorized)]
    [InlineData(403, ProblemTypes.Forbidden)]
    [InlineData(404, ProblemTypes.NotFound)]
    [InlineData(405, ProblemTypes.MethodNotAllowed)]
    [InlineData(413, ProblemTypes.ContentTooLarge)]
    [InlineData(415, ProblemTypes.UnsupportedMediaType)]
    [InlineData(408, "https://daprshop.dev/problems/http-408")]
    [InlineData(409, ProblemTypes.Conflict)]
    [InlineData(412, ProblemTypes.PreconditionFailed)]
    [InlineData(422, ProblemTypes.Unprocessable)]
    [InlineData(423, ProblemTypes.Locked)]
    [InlineData(429, ProblemTypes.TooManyRequests)]
    [InlineData(500, ProblemTypes.Internal)]
    public void Each_status_has_a_stable_problem_type(int status, string type) => Assert.Equal(type, ProblemTypes.ForStatus(status));

    [Fact]
    public void A_form_past_the_readers_limits_is_the_clients_error() =>
        Assert.Equal(400, ProblemDetailsExtensions.StatusFor(new InvalidDataException("Form value count limit 1024 exceeded.")));

    [Fact]
    public void A_timeout_underneath_is_a_503_the_client_may_retry_and_anything_else_a_500()
    {
        Assert.Equal(503, ProblemDetailsExtensions.StatusFor(new InvalidOperationException("The connection pool has been exhausted", new TimeoutException())));
        Assert.Equal(503, ProblemDetailsExtensions.StatusFor(new TimeoutException()));
        Assert.Equal(500, ProblemDetailsExtensions.StatusFor(new InvalidOperationException("a bug")));
    }
}
