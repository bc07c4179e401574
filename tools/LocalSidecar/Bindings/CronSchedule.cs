using Cronos;
using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.Bindings;

/// <summary>
/// The schedule formats of Dapr's cron binding (robfig/cron with optional seconds and descriptors):
/// five fields (<c>*/5 * * * *</c>), six fields with seconds first (<c>0 30 * * * *</c>),
/// descriptors (<c>@hourly</c>, <c>@daily</c>, …) and <c>@every &lt;duration&gt;</c> (<c>@every 15s</c>).
/// </summary>
public sealed class CronSchedule
{
    readonly CronExpression? _expression;
    readonly TimeSpan? _every;

    CronSchedule(CronExpression? expression, TimeSpan? every)
    {
        _expression = expression;
        _every = every;
    }

    public static CronSchedule Parse(string schedule)
    {
        var s = schedule.Trim();
        if (s.StartsWith("@every ", StringComparison.Ordinal))
        {
            var d = GoDuration.Parse(s["@every ".Length..].Trim());
            if (d is not { } every || every <= TimeSpan.Zero) throw new FormatException($"invalid cron schedule '{schedule}'");
            return new CronSchedule(null, every);
        }
        if (s.StartsWith('@')) return new CronSchedule(CronExpression.Parse(s), null);
        var fields = s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return fields switch
        {
            5 => new CronSchedule(CronExpression.Parse(s, CronFormat.Standard), null),
            6 => new CronSchedule(CronExpression.Parse(s, CronFormat.IncludeSeconds), null),
            _ => throw new FormatException($"invalid cron schedule '{schedule}': expected 5 or 6 fields, a descriptor or @every"),
        };
    }

    /// <summary>The first firing strictly after <paramref name="from"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset from) =>
        _every is { } every ? from + every
        : _expression!.GetNextOccurrence(from, TimeZoneInfo.Utc) ?? DateTimeOffset.MaxValue;
}
