namespace DaprShop.Catalog.Domain;

/// <summary>
/// Attribute keys are short lower case identifiers (<c>color</c>, <c>screen-size</c>): they become query parameters
/// (<c>attr.color=red</c>), JSONB keys and MongoDB field names, where '.' and '$' would change a query's meaning.
/// </summary>
public static class AttributeKeys
{
    public const int MaxLength = 40;
    public const int MaxValueLength = 200;
    public const int MaxCount = 50;

    public static bool IsValid(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= MaxLength && key[0] is >= 'a' and <= 'z' &&
        key.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}
