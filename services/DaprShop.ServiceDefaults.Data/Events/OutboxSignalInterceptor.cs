using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DaprShop.ServiceDefaults.Events;

/// <summary>
/// Wakes the relay once outbox rows are durable: after a SaveChanges outside a transaction, or after a commit.
/// A spare wake-up costs one empty query, so "the context tracks outbox rows" is a good enough test.
/// </summary>
internal sealed class OutboxSignalInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        PulseIf(eventData.Context, outsideTransaction: true);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        PulseIf(eventData.Context, outsideTransaction: true);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        PulseIf(eventData.Context, outsideTransaction: false);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        PulseIf(eventData.Context, outsideTransaction: false);
        return Task.CompletedTask;
    }

    void PulseIf(DbContext? context, bool outsideTransaction)
    {
        if (context is null || (outsideTransaction && context.Database.CurrentTransaction is not null)) return;
        if (context.ChangeTracker.Entries<OutboxMessage>().Any()) signal.Pulse();
    }
}
