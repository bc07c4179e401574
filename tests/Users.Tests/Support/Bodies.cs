namespace DaprShop.Users.Tests.Support;

public static class Bodies
{
    /// <summary>The same JSON body with one member changed (or added).</summary>
    public static Dictionary<string, object?> With(this Dictionary<string, object?> body, string member, object? value)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new Dictionary<string, object?>(body) { [member] = value };
    }
}
