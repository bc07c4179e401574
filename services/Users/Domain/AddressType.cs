namespace DaprShop.Users.Domain;

/// <summary>What an address is for. Each type has its own default address.</summary>
internal enum AddressType
{
    Billing,
    Shipping,
}

/// <summary>The wire and column spelling of <see cref="AddressType"/>: <c>BILLING</c>, <c>SHIPPING</c>.</summary>
internal static class AddressTypes
{
    public const string Billing = "BILLING";
    public const string Shipping = "SHIPPING";

    public static string ToCode(this AddressType type) => type switch
    {
        AddressType.Billing => Billing,
        AddressType.Shipping => Shipping,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Case-insensitive: clients send <c>shipping</c> as often as <c>SHIPPING</c>.</summary>
    public static bool TryParse(string? code, out AddressType type)
    {
        switch (code?.Trim().ToUpperInvariant())
        {
            case Billing:
                type = AddressType.Billing;
                return true;
            case Shipping:
                type = AddressType.Shipping;
                return true;
            default:
                type = default;
                return false;
        }
    }

    public static AddressType Parse(string code) =>
        TryParse(code, out var type) ? type : throw new FormatException($"'{code}' is not an address type");
}
