using System.Text.Json;
using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.PubSub;

/// <summary>
/// A subscription's routing: its rules in order, then the default route as a rule without a match
/// (daprd's layout). The first rule whose match holds picks the path; none matching means the event is
/// not for this app.
/// </summary>
internal sealed class RouteTable
{
    readonly List<(MatchExpression? Match, string Path, string? Unsupported)> _rules = [];

    public RouteTable(SubscriptionSpec spec)
    {
        foreach (var rule in spec.Rules)
        {
            if (string.IsNullOrWhiteSpace(rule.Match)) { _rules.Add((null, rule.Path, null)); continue; }
            var expr = MatchExpression.TryParse(rule.Match.Trim(), out var error);
            _rules.Add((expr, rule.Path, expr is null ? $"{rule.Match}: {error}" : null));
        }
        if (!string.IsNullOrEmpty(spec.DefaultRoute)) _rules.Add((null, spec.DefaultRoute, null));
    }

    public bool IsEmpty => _rules.Count == 0;

    /// <summary>Rules outside the supported CEL subset: they never match (reported once at subscribe time).</summary>
    public IEnumerable<string> UnsupportedRules => _rules.Where(r => r.Unsupported is not null).Select(r => r.Unsupported!);

    /// <summary>The app path for the event, or null when no rule matches; evaluation errors throw as in daprd.</summary>
    public string? Select(JsonElement cloudEvent)
    {
        foreach (var (match, path, unsupported) in _rules)
        {
            if (unsupported is not null) continue;
            if (match is null || match.Matches(cloudEvent)) return "/" + path.TrimStart('/');
        }
        return null;
    }
}
