namespace DaprShop.Notifications.Domain;

/// <summary>When a message whose send failed is tried again, and when it is given up on.</summary>
internal static class Backoff
{
    /// <summary>The wait after failed attempt number <paramref name="attempts"/> (1-based): first, doubled each time, capped.</summary>
    public static TimeSpan After(int attempts, int firstSeconds, int maxSeconds)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var seconds = Math.Min(maxSeconds, firstSeconds * Math.Pow(2, exponent));
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Whether a message that has failed <paramref name="attempts"/> times goes to the dead letters.</summary>
    public static bool IsExhausted(int attempts, int maxAttempts) => attempts >= maxAttempts;
}
