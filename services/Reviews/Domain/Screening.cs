using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DaprShop.Reviews.Domain;

/// <summary>What the automatic screening can find in a review.</summary>
public static class ScreeningFlags
{
    public const string Link = "link";
    public const string BlockedWord = "blocked-word";
    public const string TooShort = "too-short";
}

/// <summary>The screening's verdict: no flags means it passed.</summary>
public sealed record Screening(IReadOnlyList<string> Flags)
{
    public bool Passed => Flags.Count == 0;
}

/// <summary>
/// Automatic screening of a review's title and text: links (spam's favourite), words on the tenant's blocked list (or
/// the default list when the tenant has none), and texts too short to help anyone. Pure: no I/O, no clock.
/// </summary>
public static partial class ReviewScreening
{
    public const int MaxBlockedWords = 500;
    public const int MaxBlockedWordLength = 50;

    /// <summary>Used by a tenant that has not set its own list.</summary>
    public static IReadOnlyList<string> DefaultBlockedWords { get; } =
        ["viagra", "casino", "crypto giveaway", "fuck", "shit", "bitch", "asshole", "cunt", "nigger", "faggot", "retard", "scam"];

    public static Screening Screen(ReviewContent content, IReadOnlyList<string> blockedWords, int minTextLength)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(blockedWords);
        var flags = new List<string>();
        var all = $"{content.Title}\n{content.Text}";
        if (LinkPattern().IsMatch(all)) flags.Add(ScreeningFlags.Link);
        if (ContainsBlockedWord(all, blockedWords)) flags.Add(ScreeningFlags.BlockedWord);
        if (content.Text.Trim().Length < minTextLength) flags.Add(ScreeningFlags.TooShort);
        return new Screening(flags);
    }

    /// <summary>
    /// Whole words (or phrases), case-insensitive, so "Scam" and "SCAM!" match "scam" and "scampi" does not.
    /// </summary>
    public static bool ContainsBlockedWord(string text, IReadOnlyList<string> blockedWords)
    {
        ArgumentNullException.ThrowIfNull(blockedWords);
        var haystack = $" {Normalize(text)} ";
        return blockedWords.Select(Normalize).Where(w => w.Length > 0).Any(w => haystack.Contains($" {w} ", StringComparison.Ordinal));
    }

    /// <summary>
    /// Lower case, combining marks dropped where the runtime decomposes (not under invariant globalization), every run
    /// of non-letters/digits one space.
    /// </summary>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var decomposed = value.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (!space && sb.Length > 0)
            {
                sb.Append(' ');
                space = true;
            }
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>A URL scheme, a www. host, or a bare domain with a common top-level domain.</summary>
    [GeneratedRegex(@"(https?://|www\.|\b[a-z0-9][a-z0-9-]*\.(com|net|org|io|co|ru|info|biz|shop|xyz|top|ly|me)\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex LinkPattern();
}
