namespace DaprShop.Payment.Apis;

internal static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 128;

    /// <summary>The request's key if it is 1–128 visible ASCII characters (docs/api-conventions.md), else null.</summary>
    public static string? From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Headers[Header];
        if (values.Count != 1) return null;
        var key = values[0];
        return key is { Length: > 0 and <= MaxLength } && key.All(c => c is > ' ' and <= '~') ? key : null;
    }
}
