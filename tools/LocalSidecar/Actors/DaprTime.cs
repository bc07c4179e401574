using System.Globalization;
using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.Actors;

/// <summary>
/// A reminder or timer period as daprd reads it (dapr/kit <c>ParseDuration</c>): ISO 8601
/// <c>P1Y2M3DT4H5M6S</c> with optional repetitions <c>R5/…</c>, or a Go duration. Calendar parts
/// (years, months, days) are added as dates, the rest as a duration. <see cref="Repeats"/> of -1 means unbounded.
/// </summary>
public readonly record struct ReminderPeriod(int Years, int Months, int Days, TimeSpan Duration, int Repeats, string Raw)
{
    public static readonly ReminderPeriod None = new(0, 0, 0, TimeSpan.Zero, -1, "");

    public bool IsRecurring => Years != 0 || Months != 0 || Days != 0 || Duration != TimeSpan.Zero;

    public DateTimeOffset Following(DateTimeOffset t) => t.AddYears(Years).AddMonths(Months).AddDays(Days) + Duration;
}

/// <summary>daprd's parsing of <c>dueTime</c>, <c>period</c> and <c>ttl</c> (dapr/kit time).</summary>
public static class DaprTime
{
    public static ReminderPeriod ParsePeriod(string? value)
    {
        if (string.IsNullOrEmpty(value)) return ReminderPeriod.None;
        ReminderPeriod p;
        if (TryParseIso(value, out var iso)) p = iso;
        else if (GoDuration.Parse(value) is { } d) p = new ReminderPeriod(0, 0, 0, d, -1, value);
        else throw new FormatException($"unsupported duration format: {value}");
        if (p.Repeats == 0) throw new FormatException("has zero repetitions");
        return p;
    }

    /// <summary>An absolute instant: ISO 8601 or Go duration from <paramref name="from"/>, or an RFC 3339 time.</summary>
    public static DateTimeOffset ParseTime(string value, DateTimeOffset from)
    {
        if (TryParseIso(value, out var iso))
        {
            if (iso.Repeats != -1) throw new FormatException("repetitions are not allowed");
            return iso.Following(from);
        }
        if (GoDuration.Parse(value) is { } d) return from + d;
        if (DateTimeOffset.TryParseExact(value, ["yyyy-MM-ddTHH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            return at;
        throw new FormatException($"unsupported time/duration format: {value}");
    }

    static bool TryParseIso(string s, out ReminderPeriod period)
    {
        period = default;
        var repeats = -1;
        var i = 0;
        if (s.Length < 2) return false;
        if (s[0] == 'R')
        {
            var slash = s.IndexOf('/', StringComparison.Ordinal);
            if (slash < 2 || !int.TryParse(s.AsSpan(1, slash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out repeats)) return false;
            i = slash + 1;
            // "R5/" alone is accepted by dapr/kit: repetitions without a period.
            if (i >= s.Length) { period = new ReminderPeriod(0, 0, 0, TimeSpan.Zero, repeats, s); return true; }
        }
        if (s[i] != 'P') return false;
        i++;
        int years = 0, months = 0, days = 0;
        var duration = TimeSpan.Zero;
        var start = i;
        var inTime = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c)) continue;
            if (c == 'T')
            {
                if (start != i) return false;
                inTime = true;
                start = i + 1;
                continue;
            }
            if (start == i || !int.TryParse(s.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
            switch (c)
            {
                case 'Y' when !inTime: years = n; break;
                case 'W' when !inTime: days += n * 7; break;
                case 'D' when !inTime: days += n; break;
                case 'M' when !inTime: months = n; break;
                case 'H' when inTime: duration += TimeSpan.FromHours(n); break;
                case 'M' when inTime: duration += TimeSpan.FromMinutes(n); break;
                case 'S' when inTime: duration += TimeSpan.FromSeconds(n); break;
                default: return false;
            }
            start = i + 1;
        }
        period = new ReminderPeriod(years, months, days, duration, repeats, s);
        return true;
    }
}
