using DaprShop.Notifications.Data;
using DaprShop.Notifications.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Notifications.Apis;

/// <summary>What the notification endpoints need, as one <c>[AsParameters]</c> argument.</summary>
internal sealed record NotificationsServices(NotificationsDb Db, TimeProvider Clock, CancellationToken CancellationToken)
{
    /// <summary>The one message <paramref name="query"/> finds (tenant-filtered by the model), with its body and delivery log; else 404.</summary>
    public async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> DetailAsync(IQueryable<Message> query, object id)
    {
        if (await query.AsNoTracking().SingleOrDefaultAsync(CancellationToken) is not { } message)
            return NotificationsProblems.MessageNotFound(id);
        var log = await Db.Attempts.AsNoTracking().Where(a => a.MessageId == message.Id).OrderBy(a => a.Id).ToListAsync(CancellationToken);
        return TypedResults.Ok(message.ToResponse(log));
    }
}
