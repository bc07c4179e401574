namespace DaprShop.Payment.Domain;

/// <summary>Card number rules every provider applies before it looks at a card: digits, Luhn, brand, expiry.</summary>
internal static class Cards
{
    public const int MinDigits = 12;
    public const int MaxDigits = 19;

    /// <summary>The digits of a number as people type it (spaces and dashes allowed), or null if anything else is in it.</summary>
    public static string? Digits(string? number)
    {
        if (number is null) return null;
        var digits = new char[number.Length];
        var n = 0;
        foreach (var c in number)
        {
            if (c is >= '0' and <= '9') digits[n++] = c;
            else if (c is not (' ' or '-')) return null;
        }

        return n is >= MinDigits and <= MaxDigits ? new string(digits, 0, n) : null;
    }

    /// <summary>The Luhn (mod 10) check digit test.</summary>
    public static bool PassesLuhn(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>The brand from the number's prefix and length; <see cref="CardBrands.Unknown"/> for any other.</summary>
    public static string BrandOf(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var len = digits.Length;
        int Prefix(int count) => int.Parse(digits.AsSpan(0, count), System.Globalization.CultureInfo.InvariantCulture);

        if (digits[0] == '4' && len is 13 or 16 or 19) return CardBrands.Visa;
        if (len == 16 && (Prefix(2) is >= 51 and <= 55 || Prefix(4) is >= 2221 and <= 2720)) return CardBrands.Mastercard;
        if (len == 15 && Prefix(2) is 34 or 37) return CardBrands.Amex;
        if (len is 16 or 19 && (Prefix(4) == 6011 || Prefix(2) == 65 || Prefix(3) is >= 644 and <= 649)) return CardBrands.Discover;
        return CardBrands.Unknown;
    }

    /// <summary>American Express has a four-digit security code, the others three.</summary>
    public static int CvcLength(string brand) => brand == CardBrands.Amex ? 4 : 3;

    /// <summary>A card is valid through the last day of its expiry month.</summary>
    public static bool IsExpired(int month, int year, DateTimeOffset now) =>
        year < now.Year || (year == now.Year && month < now.Month);

    public static string Last4(string digits) => digits[^4..];
}

internal static class CardBrands
{
    public const string Visa = "visa";
    public const string Mastercard = "mastercard";
    public const string Amex = "amex";
    public const string Discover = "discover";
    public const string Unknown = "unknown";
}
