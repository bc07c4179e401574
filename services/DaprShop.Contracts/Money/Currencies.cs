using System.Collections.Frozen;

namespace DaprShop.Contracts.Money;

/// <summary>ISO 4217 currencies in circulation with their minor units, so a price is refused when it has more
/// decimals than its currency can carry (12.345 EUR, 100.5 JPY), and the one rounding rule of
/// docs/api-conventions.md ("Money") every service applies to lines and totals.</summary>
public static class Currencies
{
    static readonly string[] ZeroDecimals = ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"];
    static readonly string[] ThreeDecimals = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
    static readonly string[] TwoDecimals =
    [
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BMD", "BND", "BOB", "BRL",
        "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD", "EGP",
        "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS",
        "INR", "IRR", "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD",
        "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "PAB", "PEN",
        "PGK", "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD",
        "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "UYU", "UZS", "VES",
        "WST", "XCD", "YER", "ZAR", "ZMW", "ZWG",
    ];

    static readonly FrozenDictionary<string, int> MinorUnits =
        ZeroDecimals.Select(c => KeyValuePair.Create(c, 0))
            .Concat(TwoDecimals.Select(c => KeyValuePair.Create(c, 2)))
            .Concat(ThreeDecimals.Select(c => KeyValuePair.Create(c, 3)))
            .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Upper case three-letter codes only: "eur" is refused rather than guessed.</summary>
    public static bool IsKnown(string? code) => code is not null && MinorUnits.ContainsKey(code);

    public static int DecimalsOf(string code) => MinorUnits[code];

    public static bool FitsMinorUnits(decimal amount, string code) =>
        IsKnown(code) && decimal.Round(amount, DecimalsOf(code)) == amount;

    /// <summary>To the currency's minor unit, midpoint away from zero (not .NET's default banker's rounding).</summary>
    public static decimal Round(decimal amount, string code) =>
        decimal.Round(amount, DecimalsOf(code), MidpointRounding.AwayFromZero);
}
