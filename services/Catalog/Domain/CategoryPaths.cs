namespace DaprShop.Catalog.Domain;

/// <summary>
/// Category paths: 1 to <see cref="MaxDepth"/> segments of lower case letters, digits and hyphens joined by '/'
/// (<c>electronics/audio/headphones</c>). The alphabet leaves out '%' and '_' so a path is a safe LIKE prefix, and
/// '.' and '$' so it is a safe MongoDB value.
/// </summary>
public static class CategoryPaths
{
    public const int MaxDepth = 6;
    public const int MaxLength = 200;

    public static bool IsValid(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > MaxLength) return false;
        var segments = path.Split('/');
        return segments.Length <= MaxDepth && segments.All(IsSegment);
    }

    /// <summary>The path and each of its ancestors, root first: a/b/c → [a, a/b, a/b/c].</summary>
    public static IReadOnlyList<string> SelfAndAncestors(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var result = new List<string>();
        for (var i = path.IndexOf('/', StringComparison.Ordinal); i >= 0; i = path.IndexOf('/', i + 1))
            result.Add(path[..i]);
        result.Add(path);
        return result;
    }

    static bool IsSegment(string s) =>
        s.Length is > 0 and <= 60 && s[0] != '-' && s[^1] != '-' && s.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
