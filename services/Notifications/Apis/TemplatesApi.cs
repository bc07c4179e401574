using DaprShop.Notifications.Apis.Requests;
using DaprShop.Notifications.Domain;
using DaprShop.Notifications.Templates;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Notifications.Apis;

/// <summary>
/// The tenant's message templates (Liquid), by kind and channel: admins list the effective ones (their own or the
/// built-in), put their own (a template that does not parse → 422) and delete it to go back to the built-in one.
/// </summary>
internal static class TemplatesApi
{
    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/notifications/templates").WithTags("Templates").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", ListAsync)
            .WithName("ListTemplates")
            .WithSummary("Every kind and channel's template in use: the tenant's own (custom) or the built-in one");
        admin.MapGet("/{kind}/{channel}", GetAsync)
            .WithName("GetTemplate")
            .WithSummary("One kind and channel's template in use");
        admin.MapPut("/{kind}/{channel}", PutAsync)
            .WithName("PutTemplate")
            .WithSummary("Set the tenant's own template for a kind and channel (Liquid); one that does not parse → 422")
            .WithValidation<TemplateRequest>()
            .WithBodyLimit(BodyLimits.MaxBodyBytes);
        admin.MapDelete("/{kind}/{channel}", DeleteAsync)
            .WithName("DeleteTemplate")
            .WithSummary("Drop the tenant's own template: the built-in one applies again (none of its own → 404)");
        return app;
    }

    static async Task<Ok<List<TemplateResponse>>> ListAsync([AsParameters] NotificationsServices s)
    {
        var own = await s.Db.Templates.AsNoTracking().ToDictionaryAsync(t => (t.Kind, t.Channel), s.CancellationToken);
        return TypedResults.Ok(MessageKinds.All.SelectMany(k => Channels.All.Select(c => Effective(k, c, own.GetValueOrDefault((k, c))))).ToList());
    }

    static async Task<Results<Ok<TemplateResponse>, ProblemHttpResult>> GetAsync(string kind, string channel, [AsParameters] NotificationsServices s)
    {
        if (Unknown(kind, channel) is { } problem) return problem;
        var own = await s.Db.Templates.AsNoTracking().SingleOrDefaultAsync(t => t.Kind == kind && t.Channel == channel, s.CancellationToken);
        return TypedResults.Ok(Effective(kind, channel, own));
    }

    static async Task<Results<Ok<TemplateResponse>, ProblemHttpResult>> PutAsync(
        string kind, string channel, TemplateRequest request, ITenantContext tenant, [AsParameters] NotificationsServices s)
    {
        if (Unknown(kind, channel) is { } problem) return problem;
        var subject = channel == Channels.Sms ? null : request.Subject;
        if (subject is not null && TemplateRenderer.ParseError(subject) is { } subjectError)
            return NotificationsProblems.TemplateDoesNotParse("subject", subjectError);
        if (TemplateRenderer.ParseError(request.Body!) is { } bodyError)
            return NotificationsProblems.TemplateDoesNotParse("body", bodyError);

        var tenantId = tenant.TenantId ?? throw new TenantIsolationException("templates without a tenant");
        var now = s.Clock.GetUtcNow();
        await s.Db.Database.ExecuteSqlAsync($"""
            INSERT INTO templates (tenant_id, kind, channel, subject, body, updated_at) VALUES ({tenantId}, {kind}, {channel}, {subject}, {request.Body}, {now})
            ON CONFLICT (tenant_id, kind, channel) DO UPDATE SET subject = excluded.subject, body = excluded.body, updated_at = excluded.updated_at
            """, s.CancellationToken);
        return TypedResults.Ok(new TemplateResponse(kind, channel, subject, request.Body!, Custom: true, now));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string kind, string channel, [AsParameters] NotificationsServices s)
    {
        if (Unknown(kind, channel) is { } problem) return problem;
        var deleted = await s.Db.Templates.Where(t => t.Kind == kind && t.Channel == channel).ExecuteDeleteAsync(s.CancellationToken);
        return deleted == 0 ? DaprShop.ServiceDefaults.Problems.Problem.NotFound("Template", $"{kind}/{channel}") : TypedResults.NoContent();
    }

    static TemplateResponse Effective(string kind, string channel, MessageTemplate? own)
    {
        if (own is not null) return new TemplateResponse(kind, channel, own.Subject, own.Body, Custom: true, own.UpdatedAt);
        var builtIn = DefaultTemplates.For(kind, channel);
        return new TemplateResponse(kind, channel, channel == Channels.Sms ? null : builtIn.Subject, builtIn.Body, Custom: false, null);
    }

    /// <summary>A kind or channel that does not exist is a resource that does not exist: 404.</summary>
    static ProblemHttpResult? Unknown(string kind, string channel) =>
        MessageKinds.IsKnown(kind) && Channels.IsKnown(channel) ? null : DaprShop.ServiceDefaults.Problems.Problem.NotFound("Template", $"{kind}/{channel}");
}
