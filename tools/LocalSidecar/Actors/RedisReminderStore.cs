using DaprShop.LocalSidecar.State;
using StackExchange.Redis;

namespace DaprShop.LocalSidecar.Actors;

/// <summary>
/// Reminders kept beside a Redis actor store's state, so they survive a restart of the cluster. daprd ≥ 1.14 keeps
/// them in its Scheduler service instead; this is the local sidecar's own layout: one hash <see cref="Key"/>, a field
/// <c>{actorType}||{actorId}||{name}</c> per reminder holding <see cref="ScheduledCallback.ToStoredJson"/>.
/// </summary>
public sealed class RedisReminderStore(IDatabase db)
{
    public const string Key = RedisStateStore.OwnKeyPrefix + "actor-reminders";

    /// <summary>Every stored reminder; records this version cannot read are reported, not re-armed.</summary>
    public (IReadOnlyList<ScheduledCallback> Reminders, IReadOnlyList<string> Unreadable) LoadAll()
    {
        var reminders = new List<ScheduledCallback>();
        var unreadable = new List<string>();
        foreach (var entry in db.HashGetAll(Key))
        {
            try { reminders.Add(ScheduledCallback.FromStoredJson(entry.Value.ToString())); }
            catch (FormatException e) { unreadable.Add($"{entry.Name}: {e.Message}"); }
        }
        return (reminders, unreadable);
    }

    public void Save(ScheduledCallback reminder) => db.HashSet(Key, reminder.Key, reminder.ToStoredJson());

    public void Delete(string reminderKey) => db.HashDelete(Key, reminderKey);
}
