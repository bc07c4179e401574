using System.Globalization;
using System.Text.RegularExpressions;

namespace DaprShop.LocalSidecar.Resources;

/// <summary>Go's <c>time.ParseDuration</c> format ("1h2m3.5s", "300ms", "2us"), which Dapr uses throughout.</summary>
public static partial class GoDuration
{
    public static TimeSpan? Parse(string s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        if (s == "0") return TimeSpan.Zero;
        var negative = s.StartsWith('-');
        var rest = s.TrimStart('-', '+');
        var total = 0.0;
        var pos = 0;
        foreach (Match m in Part().Matches(rest))
        {
            if (m.Index != pos) return null;
            pos += m.Length;
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            total += m.Groups[2].Value switch
            {
                "h" => n * 3_600_000,
                "m" => n * 60_000,
                "s" => n * 1_000,
                "ms" => n,
                "us" or "µs" => n / 1_000,
                "ns" => n / 1_000_000,
                _ => double.NaN,
            };
        }
        if (pos != rest.Length || pos == 0 || double.IsNaN(total)) return null;
        var span = TimeSpan.FromMilliseconds(total);
        return negative ? -span : span;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ns|us|µs|ms|h|m|s)")]
    private static partial Regex Part();
}
