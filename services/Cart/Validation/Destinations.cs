using System.Text.RegularExpressions;

namespace DaprShop.Cart.Validation;

internal static partial class Destinations
{
    public static bool IsCountry(string country) => Country().IsMatch(country);

    public static bool IsRegion(string region) => Region().IsMatch(region);

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex Country();

    [GeneratedRegex("^[A-Za-z0-9-]{1,16}$")]
    private static partial Regex Region();
}
