using DaprShop.Inventory.Apis.Requests;
using DaprShop.Inventory.Reservations;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaprShop.Inventory.Apis;

/// <summary>The tenant's inventory settings: how long a reservation holds stock.</summary>
internal static class SettingsApi
{
    public static IEndpointRouteBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/settings").WithTags("Settings").WithBodyLimit(BodyLimits.MaxBodyBytes);

        api.MapGet("/", GetAsync)
            .WithName("GetInventorySettings")
            .WithSummary("The tenant's reservation time (admin or support)")
            .RequireAuthorization(Policies.Staff);

        api.MapPut("/", PutAsync)
            .WithName("PutInventorySettings")
            .WithSummary("Set the tenant's reservation time in minutes (new reservations only)")
            .WithValidation<SettingsRequest>()
            .RequireAuthorization(Policies.Admin);

        return app;
    }

    static async Task<Ok<SettingsResponse>> GetAsync([AsParameters] InventoryServices s, IOptions<InventoryOptions> options)
    {
        var minutes = await s.Db.Settings.AsNoTracking().Select(x => (int?)x.ReservationMinutes).SingleOrDefaultAsync(s.CancellationToken);
        return TypedResults.Ok(new SettingsResponse(minutes ?? options.Value.DefaultReservationMinutes, minutes is null));
    }

    static async Task<Ok<SettingsResponse>> PutAsync(SettingsRequest request, [AsParameters] InventoryServices s)
    {
        var tenantId = s.Db.RequireTenant();
        var minutes = request.ReservationMinutes!.Value;
        var now = s.Clock.GetUtcNow();
        // An upsert: two admins saving at once both succeed, the later write wins.
        await s.Db.Database.ExecuteSqlAsync($"""
            INSERT INTO inventory_settings (tenant_id, reservation_minutes, updated_at) VALUES ({tenantId}, {minutes}, {now})
            ON CONFLICT (tenant_id) DO UPDATE SET reservation_minutes = EXCLUDED.reservation_minutes, updated_at = EXCLUDED.updated_at
            """, s.CancellationToken);
        return TypedResults.Ok(new SettingsResponse(minutes, false));
    }
}
