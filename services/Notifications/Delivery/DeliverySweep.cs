using Microsoft.Extensions.Options;

namespace DaprShop.Notifications.Delivery;

/// <summary>What one sweep did.</summary>
internal sealed record SweepResult(int Sent, int Failed, int DeadLettered);

/// <summary>
/// Run by the Dapr cron binding <c>notification-dispatch</c>: sends the pending messages whose next attempt is due (the
/// retries of failed sends, and any whose immediate send was lost to a crash), each claimed with SKIP LOCKED in its own
/// transaction by <see cref="MessageSender"/>.
/// </summary>
internal sealed class DeliverySweep(MessageSender sender, IOptions<NotificationsOptions> options)
{
    public async Task<SweepResult> RunAsync(CancellationToken ct)
    {
        int sent = 0, failed = 0, dead = 0;
        for (var i = 0; i < options.Value.SweepBatch; i++)
        {
            var outcome = await sender.SendOneAsync(null, ct);
            if (outcome is null) break;
            switch (outcome)
            {
                case SendOutcome.Sent: sent++; break;
                case SendOutcome.Failed: failed++; break;
                default: dead++; break;
            }
        }
        return new SweepResult(sent, failed, dead);
    }
}
