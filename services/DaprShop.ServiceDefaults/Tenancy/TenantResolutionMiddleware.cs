using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DaprShop.ServiceDefaults.Tenancy;

/// <summary>
/// Takes the tenant from the validated token's <c>tid</c> claim — never from a bare header. An
/// <c>X-Tenant-ID</c> header that disagrees with the token is refused (403). Opens the log scope with tenant and user.
/// </summary>
internal sealed class TenantResolutionMiddleware(RequestDelegate next, ILogger<TenantResolutionMiddleware> logger)
{
    public const string HeaderName = "X-Tenant-ID";

    public async Task InvokeAsync(HttpContext context, ITenantContext tenant)
    {
        var claim = context.User.FindFirst(DaprShopClaims.TenantId)?.Value;
        if (claim is not null && Guid.TryParse(claim, out var tid))
        {
            var header = context.Request.Headers[HeaderName].ToString();
            if (header.Length > 0 && !(Guid.TryParse(header, out var h) && h == tid))
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.TenantMismatch,
                    title: "Tenant mismatch", detail: $"The {HeaderName} header does not match the tenant of the access token.").ExecuteAsync(context);
                return;
            }
            tenant.Set(tid);
        }
        using (logger.BeginScope(new Dictionary<string, object?>
        {
            ["TenantId"] = tenant.TenantId?.ToString(),
            ["UserId"] = context.User.FindFirst(DaprShopClaims.Subject)?.Value,
        }))
            await next(context);
    }
}
