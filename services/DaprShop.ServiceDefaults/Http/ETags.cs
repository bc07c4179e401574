using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace DaprShop.ServiceDefaults.Http;

/// <summary>
/// Strong entity tags made from a row's version (<c>"7"</c>) and <c>If-Match</c> preconditions (RFC 9110 §13.1.1):
/// <c>*</c> matches any current version; a weak tag, or a tag that is not one of our versions, matches nothing.
/// </summary>
public static class ETags
{
    public static string Format(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void Set(HttpResponse response, long version)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ETag = Format(version);
    }

    /// <summary>Reads the request's <c>If-Match</c>: missing, <c>*</c>, a list of tags, or unreadable.</summary>
    public static IfMatch IfMatchOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.IfMatch;
        if (header.Count == 0) return IfMatch.Missing;
        if (!EntityTagHeaderValue.TryParseStrictList(header, out var tags) || tags.Count == 0) return IfMatch.Invalid;
        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any))) return IfMatch.Any;
        var versions = new List<long>();
        foreach (var tag in tags)
        {
            if (!tag.IsWeak && long.TryParse(tag.Tag.AsSpan(1, tag.Tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                versions.Add(v);
        }
        return new IfMatch(IfMatchKind.Tags, versions);
    }
}

public enum IfMatchKind
{
    Missing,
    Any,
    Tags,
    Invalid,
}

/// <summary>A request's <c>If-Match</c>; <see cref="Matches"/> is true for <c>*</c> or a listed strong tag of that version.</summary>
public sealed record IfMatch(IfMatchKind Kind, IReadOnlyList<long> Versions)
{
    public static IfMatch Missing { get; } = new(IfMatchKind.Missing, []);
    public static IfMatch Any { get; } = new(IfMatchKind.Any, []);
    public static IfMatch Invalid { get; } = new(IfMatchKind.Invalid, []);

    public bool Matches(long version) => Kind == IfMatchKind.Any || (Kind == IfMatchKind.Tags && Versions.Contains(version));
}
