using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DaprShop.ServiceDefaults.Data;

/// <summary>
/// Work that must follow a commit and never precede it (dropping a cache entry the write made stale): registered on a
/// context, run once its transaction commits — or after a SaveChanges outside any transaction, which commits by itself —
/// and forgotten on rollback. It runs without the request's token: a client hanging up after the commit must not leave
/// the stale entry behind.
/// </summary>
public static class AfterCommit
{
    static readonly ConditionalWeakTable<DbContext, List<Func<CancellationToken, Task>>> Pending = new();

    public static void RunAfterCommit(this DbContext db, Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(db);
        var list = Pending.GetOrCreateValue(db);
        lock (list) list.Add(work);
    }

    internal static async Task RunAsync(DbContext? db)
    {
        if (db is null || !Pending.TryGetValue(db, out var list)) return;
        Func<CancellationToken, Task>[] work;
        lock (list)
        {
            work = [.. list];
            list.Clear();
        }
        foreach (var w in work) await w(CancellationToken.None);
    }

    internal static void Discard(DbContext? db)
    {
        if (db is not null && Pending.TryGetValue(db, out var list))
            lock (list) list.Clear();
    }
}

internal sealed class AfterCommitInterceptor : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) await AfterCommit.RunAsync(eventData.Context);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        AfterCommit.RunAsync(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        AfterCommit.Discard(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => AfterCommit.Discard(eventData.Context);
}
