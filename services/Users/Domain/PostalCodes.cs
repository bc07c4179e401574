using System.Text.RegularExpressions;

namespace DaprShop.Users.Domain;

/// <summary>
/// Postal codes per country: a format check and one canonical spelling (upper case, single spaces, and the separator
/// the post office prints: <c>K1A 0B1</c>, <c>SW1A 1AA</c>, <c>1234 AB</c>, <c>100-0001</c>, <c>01310-100</c>).
/// Countries without a known format get a permissive pattern: 1–10 letters, digits, spaces or hyphens, starting and
/// ending with a letter or digit. Digits are ASCII digits (<c>\d</c> would accept any script's).
/// </summary>
internal static partial class PostalCodes
{
    /// <summary>Countries with their own format; the rest use the permissive one.</summary>
    public static readonly IReadOnlySet<string> KnownFormats = new HashSet<string>(StringComparer.Ordinal)
    {
        "US", "CA", "GB", "DE", "FR", "NL", "JP", "AU", "BR", "IN",
    };

    public static bool IsValid(string country, string postalCode)
    {
        ArgumentNullException.ThrowIfNull(country);
        ArgumentNullException.ThrowIfNull(postalCode);
        var code = Clean(postalCode);
        return PatternFor(Countries.Normalize(country)).IsMatch(code);
    }

    /// <summary>The canonical spelling of a code that <see cref="IsValid"/> accepted.</summary>
    public static string Normalize(string country, string postalCode)
    {
        ArgumentNullException.ThrowIfNull(country);
        ArgumentNullException.ThrowIfNull(postalCode);
        var code = Clean(postalCode);
        var compact = code.Replace(" ", "", StringComparison.Ordinal);
        return Countries.Normalize(country) switch
        {
            "CA" when compact.Length == 6 => $"{compact[..3]} {compact[3..]}",
            "NL" when compact.Length == 6 => $"{compact[..4]} {compact[4..]}",
            "GB" when compact.Length >= 5 => $"{compact[..^3]} {compact[^3..]}",
            "JP" => Hyphenate(compact, 3),
            "BR" => Hyphenate(compact, 5),
            "IN" => compact,
            _ => code,
        };
    }

    static string Hyphenate(string code, int at) =>
        code.Contains('-', StringComparison.Ordinal) || code.Length <= at ? code : $"{code[..at]}-{code[at..]}";

    /// <summary>Trimmed, upper case, runs of white space as one space.</summary>
    static string Clean(string postalCode) => WhiteSpace().Replace(postalCode.Trim().ToUpperInvariant(), " ");

    static Regex PatternFor(string country) => country switch
    {
        "US" => Us(),
        "CA" => Ca(),
        "GB" => Gb(),
        "DE" or "FR" => FiveDigits(),
        "NL" => Nl(),
        "JP" => Jp(),
        "AU" => FourDigits(),
        "BR" => Br(),
        "IN" => In(),
        _ => Permissive(),
    };

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    // ZIP or ZIP+4.
    [GeneratedRegex(@"^[0-9]{5}(-[0-9]{4})?\z")]
    private static partial Regex Us();

    // Letter-digit-letter digit-letter-digit; D, F, I, O, Q, U never appear, W and Z not in first place.
    [GeneratedRegex(@"^[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z] ?[0-9][ABCEGHJ-NPRSTV-Z][0-9]\z")]
    private static partial Regex Ca();

    // Outward code (area, district, optional sub-district) and inward code (sector digit, unit letters without C I K M O V), or GIR 0AA.
    [GeneratedRegex(@"^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})\z")]
    private static partial Regex Gb();

    [GeneratedRegex(@"^[0-9]{5}\z")]
    private static partial Regex FiveDigits();

    // Four digits (no leading zero) and two letters; SA, SD and SS are not issued.
    [GeneratedRegex(@"^[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}\z")]
    private static partial Regex Nl();

    [GeneratedRegex(@"^[0-9]{3}-?[0-9]{4}\z")]
    private static partial Regex Jp();

    [GeneratedRegex(@"^[0-9]{4}\z")]
    private static partial Regex FourDigits();

    // CEP.
    [GeneratedRegex(@"^[0-9]{5}-?[0-9]{3}\z")]
    private static partial Regex Br();

    // PIN: six digits, no leading zero, often written 3 + 3.
    [GeneratedRegex(@"^[1-9][0-9]{2} ?[0-9]{3}\z")]
    private static partial Regex In();

    [GeneratedRegex(@"^[A-Z0-9]([A-Z0-9 -]{0,8}[A-Z0-9])?\z")]
    private static partial Regex Permissive();
}
