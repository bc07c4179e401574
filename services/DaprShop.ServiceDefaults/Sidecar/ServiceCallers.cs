using DaprShop.ServiceDefaults.Problems;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DaprShop.ServiceDefaults.Sidecar;

/// <summary>
/// Routes one service calls on another through Dapr service invocation, acting for a tenant but holding no user token
/// (a saga activity, a cart pricing a guest's lines). Trust comes from the mesh, not the request: the call must come
/// through this app's own sidecar (its app API token), from one of the named app ids (the <c>dapr-caller-app-id</c>
/// header daprd sets from the caller's identity; Dapr access control limits who may call at all), and the tenant is the
/// one the calling service names in <c>X-Tenant-ID</c>. docs/tenancy-and-security.md, "Service-to-service routes".
/// </summary>
public static class ServiceCallers
{
    /// <summary>The header daprd puts on an invoked call naming the app that made it.</summary>
    public const string CallerAppIdHeader = "dapr-caller-app-id";

    public const string TenantHeader = TenantResolutionMiddleware.HeaderName;

    /// <summary>
    /// Only these apps, through this app's sidecar, for the tenant in <c>X-Tenant-ID</c>. A forwarded user token may come
    /// too: then the tenant-resolution middleware has already required the header to match it.
    /// </summary>
    public static TBuilder RequireServiceCaller<TBuilder>(this TBuilder builder, params string[] callerAppIds)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentOutOfRangeException.ThrowIfZero(callerAppIds.Length);
        var allowed = callerAppIds.ToHashSet(StringComparer.Ordinal);
        builder.AddEndpointFilter(async (ctx, next) =>
        {
            var request = ctx.HttpContext.Request;
            if (!request.IsFromDaprSidecar())
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, type: ProblemTypes.Unauthorized,
                    title: "Only the Dapr sidecar may call this route",
                    detail: $"The request does not carry the app API token ({DaprSidecarExtensions.AppTokenHeader}) of this app's sidecar.");
            }

            var caller = request.Headers[CallerAppIdHeader].ToString();
            if (!allowed.Contains(caller))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.Forbidden,
                    title: "Not a permitted caller", detail: $"App '{caller}' may not call this route.");
            }

            if (!Guid.TryParse(request.Headers[TenantHeader].ToString(), out var tenantId) || tenantId == Guid.Empty)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.Validation,
                    title: "Tenant required", detail: $"A service call names the tenant it acts for in {TenantHeader}.");
            }

            ctx.HttpContext.RequestServices.GetRequiredService<ITenantContext>().Set(tenantId);
            return await next(ctx);
        });
        return builder;
    }

    /// <summary>Names the tenant on an outgoing invocation to a <see cref="RequireServiceCaller"/> route.</summary>
    public static HttpRequestMessage ForTenant(this HttpRequestMessage request, Guid tenantId)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Remove(TenantHeader);
        request.Headers.TryAddWithoutValidation(TenantHeader, tenantId.ToString());
        return request;
    }
}
