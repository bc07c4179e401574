using System.Globalization;
using System.Text;

namespace DaprShop.Catalog.Domain;

/// <summary>URL slugs: lower case ASCII letters and digits in runs joined by single hyphens.</summary>
public static class Slugs
{
    public const int MaxLength = 120;

    /// <summary>
    /// The slug of a product name: accents folded (é → e), a few ligatures spelled out (ß → ss), every other run of
    /// non-alphanumerics becomes one hyphen, cut at a word boundary within <see cref="MaxLength"/>. Empty when the
    /// name has no letter or digit a URL can carry.
    /// </summary>
    public static string FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var folded = name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(folded.Length);
        var pendingHyphen = false;
        foreach (var c in folded)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var ascii = Fold(c);
            if (ascii is null)
            {
                pendingHyphen = sb.Length > 0;
                continue;
            }
            if (pendingHyphen) sb.Append('-');
            pendingHyphen = false;
            sb.Append(ascii);
        }
        return Cut(sb.ToString());
    }

    /// <summary><paramref name="slug"/> + "-" + <paramref name="suffix"/>, the slug shortened so the whole stays within <see cref="MaxLength"/>.</summary>
    public static string WithSuffix(string slug, string suffix)
    {
        ArgumentNullException.ThrowIfNull(slug);
        ArgumentNullException.ThrowIfNull(suffix);
        if (suffix.Length == 0) return slug;
        if (suffix.Length >= MaxLength) return Cut(suffix);
        var room = MaxLength - suffix.Length - 1;
        var head = slug.Length <= room ? slug : slug[..room].TrimEnd('-');
        return head.Length == 0 ? suffix : head + "-" + suffix;
    }

    public static bool IsValid(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= MaxLength && slug[0] != '-' && slug[^1] != '-' &&
        !slug.Contains("--", StringComparison.Ordinal) && slug.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>
    /// Latin letters with diacritics, spelled out by hand: with InvariantGlobalization (Directory.Build.props) there is
    /// no ICU, so Unicode decomposition does not split 'é' into 'e' + accent.
    /// </summary>
    static readonly Dictionary<char, string> Latin = BuildLatin();

    static Dictionary<char, string> BuildLatin()
    {
        var map = new Dictionary<char, string>();
        foreach (var (letters, ascii) in new (string, string)[]
                 {
                     ("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "a"), ("ÇçĆćĈĉĊċČč", "c"), ("ÐðĎď", "d"), ("ÈÉÊËèéêëĒēĔĕĖėĘęĚě", "e"),
                     ("ĜĝĞğĠġĢģ", "g"), ("ĤĥĦħ", "h"), ("ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", "i"), ("Ĳĳ", "ij"), ("Ĵĵ", "j"), ("Ķķĸ", "k"),
                     ("ĹĺĻļĽľĿŀ", "l"), ("ÑñŃńŅņŇňŉŊŋ", "n"), ("ÒÓÔÕÖòóôõöŌōŎŏŐő", "o"), ("ŔŕŖŗŘř", "r"), ("ŚśŜŝŞşŠšſ", "s"),
                     ("ŢţŤťŦŧ", "t"), ("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", "u"), ("Ŵŵ", "w"), ("ÝýÿŶŷŸ", "y"), ("ŹźŻżŽž", "z"),
                 })
            foreach (var c in letters) map[c] = ascii;
        return map;
    }

    static string? Fold(char c) => c switch
    {
        _ when Latin.TryGetValue(c, out var folded) => folded,
        >= 'a' and <= 'z' or >= '0' and <= '9' => c.ToString(),
        >= 'A' and <= 'Z' => char.ToLowerInvariant(c).ToString(),
        'ß' => "ss",
        'æ' or 'Æ' => "ae",
        'œ' or 'Œ' => "oe",
        'ø' or 'Ø' => "o",
        'đ' or 'Đ' => "d",
        'ł' or 'Ł' => "l",
        'þ' or 'Þ' => "th",
        '&' => "and",
        _ => null,
    };

    static string Cut(string slug)
    {
        if (slug.Length <= MaxLength) return slug;
        var cut = slug[..MaxLength];
        var lastHyphen = cut.LastIndexOf('-');
        return (lastHyphen > 0 ? cut[..lastHyphen] : cut).TrimEnd('-');
    }
}
