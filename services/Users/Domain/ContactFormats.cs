using System.Text.RegularExpressions;

namespace DaprShop.Users.Domain;

/// <summary>Phone numbers and locales as profiles and addresses store them.</summary>
internal static partial class ContactFormats
{
    /// <summary>
    /// E.164: a plus, a country code not starting with 0, at most 15 digits in all, nothing else (no spaces or dashes:
    /// clients format for display, we store one spelling). The numbering plan itself is not checked.
    /// </summary>
    public static bool IsE164(string? phone) => phone is not null && E164().IsMatch(phone);

    /// <summary>A BCP 47 tag of language, optional script and optional region: <c>en</c>, <c>en-US</c>, <c>zh-Hant-TW</c>, <c>es-419</c>.</summary>
    public static bool IsLocale(string? locale) => locale is not null && Locale().IsMatch(locale);

    /// <summary>The conventional casing: language lower, script title, region upper (<c>EN-us</c> → <c>en-US</c>).</summary>
    public static string NormalizeLocale(string locale)
    {
        ArgumentNullException.ThrowIfNull(locale);
        var parts = locale.Split('-');
        for (var i = 0; i < parts.Length; i++)
        {
            var p = parts[i];
            parts[i] = i == 0 ? p.ToLowerInvariant()
                : p.Length == 4 ? char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant()
                : p.ToUpperInvariant();
        }

        return string.Join('-', parts);
    }

    /// <summary>True when the text has no control characters (NUL, line breaks, escapes): names and address lines are one line.</summary>
    public static bool IsSingleLine(string? text) => text is null || !text.Any(char.IsControl);

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}\z")]
    private static partial Regex E164();

    [GeneratedRegex(@"^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?\z")]
    private static partial Regex Locale();
}
