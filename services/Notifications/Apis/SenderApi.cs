using DaprShop.Notifications.Apis.Requests;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaprShop.Notifications.Apis;

/// <summary>Who the tenant's mails come from (address and name); without one of its own, the configured default.</summary>
internal static class SenderApi
{
    public static IEndpointRouteBuilder MapSenderApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/notifications/sender").WithTags("Sender").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", GetAsync)
            .WithName("GetSender")
            .WithSummary("The tenant's sender identity (custom: set by an admin; else the default)");
        admin.MapPut("/", PutAsync)
            .WithName("PutSender")
            .WithSummary("Set the from-address and name of the tenant's mails")
            .WithValidation<SenderRequest>()
            .WithBodyLimit(BodyLimits.MaxBodyBytes);
        return app;
    }

    static async Task<Ok<SenderResponse>> GetAsync(IOptions<NotificationsOptions> options, [AsParameters] NotificationsServices s)
    {
        var own = await s.Db.Senders.AsNoTracking().SingleOrDefaultAsync(s.CancellationToken);
        return TypedResults.Ok(own is null
            ? new SenderResponse(options.Value.DefaultFromAddress, options.Value.DefaultFromName, Custom: false)
            : new SenderResponse(own.FromAddress, own.FromName, Custom: true));
    }

    static async Task<Ok<SenderResponse>> PutAsync(SenderRequest request, ITenantContext tenant, [AsParameters] NotificationsServices s)
    {
        var tenantId = tenant.TenantId ?? throw new TenantIsolationException("sender without a tenant");
        var address = request.FromAddress!.Trim();
        var name = request.FromName?.Trim() ?? "";
        await s.Db.Database.ExecuteSqlAsync($"""
            INSERT INTO senders (tenant_id, from_address, from_name, updated_at) VALUES ({tenantId}, {address}, {name}, {s.Clock.GetUtcNow()})
            ON CONFLICT (tenant_id) DO UPDATE SET from_address = excluded.from_address, from_name = excluded.from_name, updated_at = excluded.updated_at
            """, s.CancellationToken);
        return TypedResults.Ok(new SenderResponse(address, name, Custom: true));
    }
}
