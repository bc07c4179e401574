using System.Security.Claims;
using DaprShop.Notifications.Apis.Requests;
using DaprShop.Notifications.Domain;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Notifications.Apis;

/// <summary>A user's own notification preferences: channels per kind of message, and the SMS and webhook addresses.</summary>
internal static class PreferencesApi
{
    public static IEndpointRouteBuilder MapPreferencesApi(this IEndpointRouteBuilder app)
    {
        var own = app.MapGroup("/api/v1/notifications/preferences/me").WithTags("Preferences").RequireTenantUser();
        own.MapGet("/", GetAsync)
            .WithName("GetOwnPreferences")
            .WithSummary("Every kind of message on every channel, on or off (locked: transactional, always by email)");
        own.MapPut("/", PutAsync)
            .WithName("UpdateOwnPreferences")
            .WithSummary("Set the phone number, webhook URL and channel choices; turning a transactional kind's email off → 422")
            .WithValidation<UpdatePreferencesRequest>()
            .WithBodyLimit(BodyLimits.MaxBodyBytes);
        return app;
    }

    static async Task<Ok<PreferencesResponse>> GetAsync(ClaimsPrincipal caller, [AsParameters] NotificationsServices s) =>
        TypedResults.Ok(await ReadAsync(s, caller.UserId()));

    /// <summary>Each choice is one upsert (the primary key decides, not a read in C#); all of them commit together or none.</summary>
    static async Task<Results<Ok<PreferencesResponse>, ProblemHttpResult>> PutAsync(
        UpdatePreferencesRequest request, ClaimsPrincipal caller, ITenantContext tenant, [AsParameters] NotificationsServices s)
    {
        var changes = request.Preferences ?? [];
        if (changes.FirstOrDefault(c => !Preferences.CanSet(c.Kind!, c.Channel!, c.Enabled!.Value)) is { } refused)
            return NotificationsProblems.CannotTurnOff(refused.Kind!);

        var userId = caller.UserId();
        var tenantId = tenant.TenantId ?? throw new TenantIsolationException("preferences without a tenant");
        var now = s.Clock.GetUtcNow();
        await using var tx = await s.Db.Database.BeginTransactionAsync(s.CancellationToken);
        if (request.Phone is not null || request.WebhookUrl is not null)
        {
            var phone = request.Phone is null ? null : request.Phone.Trim();
            var url = request.WebhookUrl is null ? null : request.WebhookUrl.Trim();
            // null: leave as is; "": remove. Raw SQL writes the tenant itself (no stamping interceptor here).
            await s.Db.Database.ExecuteSqlAsync($"""
                INSERT INTO contacts (tenant_id, user_id, phone, webhook_url, updated_at)
                VALUES ({tenantId}, {userId}, NULLIF({phone}, ''), NULLIF({url}, ''), {now})
                ON CONFLICT (tenant_id, user_id) DO UPDATE SET
                  phone = CASE WHEN {phone}::text IS NULL THEN contacts.phone ELSE NULLIF({phone}, '') END,
                  webhook_url = CASE WHEN {url}::text IS NULL THEN contacts.webhook_url ELSE NULLIF({url}, '') END,
                  updated_at = excluded.updated_at
                """, s.CancellationToken);
        }
        foreach (var c in changes)
        {
            await s.Db.Database.ExecuteSqlAsync($"""
                INSERT INTO preferences (tenant_id, user_id, kind, channel, enabled, updated_at)
                VALUES ({tenantId}, {userId}, {c.Kind}, {c.Channel}, {c.Enabled!.Value}, {now})
                ON CONFLICT (tenant_id, user_id, kind, channel) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at
                """, s.CancellationToken);
        }
        await tx.CommitAsync(s.CancellationToken);
        return TypedResults.Ok(await ReadAsync(s, userId));
    }

    static async Task<PreferencesResponse> ReadAsync(NotificationsServices s, Guid userId)
    {
        var contact = await s.Db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == userId, s.CancellationToken);
        var choices = await s.Db.Preferences.AsNoTracking().Where(p => p.UserId == userId)
            .ToDictionaryAsync(p => (p.Kind, p.Channel), p => p.Enabled, s.CancellationToken);
        var views = new List<PreferenceView>();
        foreach (var kind in MessageKinds.All)
            foreach (var channel in Channels.All)
            {
                var locked = !Preferences.CanSet(kind, channel, enabled: false);
                var enabled = locked || (choices.TryGetValue((kind, channel), out var on) ? on : Preferences.Default(kind, channel));
                views.Add(new PreferenceView(kind, channel, enabled, locked));
            }
        return new PreferencesResponse(contact?.Email, contact?.Phone, contact?.WebhookUrl, views);
    }
}
