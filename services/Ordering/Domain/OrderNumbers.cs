using System.Globalization;

namespace DaprShop.Ordering.Domain;

/// <summary>
/// Order numbers people read out on the phone: <c>DS-2026-000123</c>, the year of placement and the tenant's running
/// number within it. The number comes from one atomic <c>UPDATE … RETURNING</c> on the tenant's sequence row, so two
/// placements never draw the same one.
/// </summary>
internal static class OrderNumbers
{
    public const string Prefix = "DS";

    public static string Format(int year, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{year:0000}-{sequence:000000}");
    }
}
