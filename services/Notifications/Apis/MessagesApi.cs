using System.Security.Claims;
using DaprShop.Notifications.Apis.Requests;
using DaprShop.Notifications.Delivery;
using DaprShop.Notifications.Domain;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Paging;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Notifications.Apis;

/// <summary>
/// The message log: a customer reads their own messages (another's is 404, like another tenant's); staff read the
/// tenant's; admins see the dead letters and re-send one.
/// </summary>
internal static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var own = app.MapGroup("/api/v1/notifications/me").WithTags("Notifications").RequireTenantUser();
        own.MapGet("/", ListOwnAsync)
            .WithName("ListOwnNotifications")
            .WithSummary("The caller's messages (every channel), newest first")
            .WithValidation<PageRequest>();
        own.MapGet("/{id:guid}", GetOwnAsync)
            .WithName("GetOwnNotification")
            .WithSummary("One of the caller's messages, with its body and delivery log");

        var staff = app.MapGroup("/api/v1/notifications").WithTags("Notifications");
        staff.MapGet("/messages", ListAsync)
            .WithName("ListNotifications")
            .WithSummary("The tenant's messages, newest first; filter by userId, status, kind (admin or support)")
            .WithValidation<PageRequest>()
            .WithValidation<MessageFilter>()
            .RequireAuthorization(Policies.Staff);
        staff.MapGet("/messages/{id:guid}", GetAsync)
            .WithName("GetNotification")
            .WithSummary("A message of the tenant, with its body and delivery log (admin or support)")
            .RequireAuthorization(Policies.Staff);
        staff.MapGet("/dead-letters", ListDeadAsync)
            .WithName("ListDeadLetters")
            .WithSummary("Messages given up on after the last attempt, newest first (admin)")
            .WithValidation<PageRequest>()
            .RequireAuthorization(Policies.Admin);
        staff.MapPost("/dead-letters/{id:guid}/resend", ResendAsync)
            .WithName("ResendDeadLetter")
            .WithSummary("Send a dead-lettered message again now, with a fresh round of attempts (admin); not dead-lettered → 409")
            .RequireAuthorization(Policies.Admin);
        return app;
    }

    static async Task<Ok<PagedResponse<MessageResponse>>> ListOwnAsync(
        [AsParameters] PageRequest paging, ClaimsPrincipal caller, [AsParameters] NotificationsServices s)
    {
        var userId = caller.UserId();
        return TypedResults.Ok(await PageAsync(s.Db.Messages.Where(m => m.UserId == userId), paging, s));
    }

    static Task<Results<Ok<MessageResponse>, ProblemHttpResult>> GetOwnAsync(Guid id, ClaimsPrincipal caller, [AsParameters] NotificationsServices s)
    {
        var userId = caller.UserId();
        return s.DetailAsync(s.Db.Messages.Where(m => m.Id == id && m.UserId == userId), id);
    }

    static async Task<Ok<PagedResponse<MessageResponse>>> ListAsync(
        [AsParameters] PageRequest paging, [AsParameters] MessageFilter filter, [AsParameters] NotificationsServices s)
    {
        var query = s.Db.Messages.AsQueryable();
        if (filter.UserId is { } user) query = query.Where(m => m.UserId == user);
        if (filter.Status is { } status) query = query.Where(m => m.Status == status);
        if (filter.Kind is { } kind) query = query.Where(m => m.Kind == kind);
        return TypedResults.Ok(await PageAsync(query, paging, s));
    }

    static Task<Results<Ok<MessageResponse>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] NotificationsServices s) =>
        s.DetailAsync(s.Db.Messages.Where(m => m.Id == id), id);

    static async Task<Ok<PagedResponse<MessageResponse>>> ListDeadAsync([AsParameters] PageRequest paging, [AsParameters] NotificationsServices s) =>
        TypedResults.Ok(await PageAsync(s.Db.Messages.Where(m => m.Status == MessageStatuses.Dead), paging, s));

    /// <summary>
    /// One conditional UPDATE (tenant-filtered) takes the message from dead back to pending with its attempts reset, so
    /// two admins re-sending at once start one round; then it is sent at once (and retried by the sweep if that fails).
    /// </summary>
    static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> ResendAsync(
        Guid id, ClaimsPrincipal caller, MessageSender sender, [AsParameters] NotificationsServices s)
    {
        var now = s.Clock.GetUtcNow();
        await using (var tx = await s.Db.Database.BeginTransactionAsync(s.CancellationToken))
        {
            var revived = await s.Db.Messages.Where(m => m.Id == id && m.Status == MessageStatuses.Dead)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(m => m.Status, MessageStatuses.Pending)
                    .SetProperty(m => m.Attempts, 0)
                    .SetProperty(m => m.NextAttemptAt, now)
                    .SetProperty(m => m.DeadAt, (DateTimeOffset?)null), s.CancellationToken);
            if (revived == 0)
            {
                var status = await s.Db.Messages.Where(m => m.Id == id).Select(m => m.Status).SingleOrDefaultAsync(s.CancellationToken);
                return status is null ? NotificationsProblems.MessageNotFound(id) : NotificationsProblems.NotDead(status);
            }
            s.Db.Attempts.Add(new DeliveryAttempt { MessageId = id, At = now, Outcome = "resend_requested", Error = $"by admin {caller.UserId()}" });
            await s.Db.SaveChangesAsync(s.CancellationToken);
            await tx.CommitAsync(s.CancellationToken);
        }
        await sender.TrySendAsync(id, s.CancellationToken);
        return await s.DetailAsync(s.Db.Messages.Where(m => m.Id == id), id);
    }

    static async Task<PagedResponse<MessageResponse>> PageAsync(IQueryable<Message> query, PageRequest paging, NotificationsServices s) =>
        (await query.AsNoTracking().OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .ToPageAsync(paging, s.CancellationToken)).Map(m => m.ToResponse());
}
