namespace DaprShop.LocalSidecar.Actors;

/// <summary>
/// The app's answer to an actor call, read in full inside the turn (daprd reads the whole body before it
/// releases the actor lock).
/// </summary>
public sealed record ActorResponse(int Status, IReadOnlyList<KeyValuePair<string, string[]>> Headers, string? ContentType, byte[] Body)
{
    public const string ErrorResponseHeader = "X-DaprErrorResponseHeader";
    public const string ReminderCancelHeader = "X-DaprReminderCancel";

    /// <summary>The .NET SDK reports an actor exception with status 200 and this header.</summary>
    public bool IsActorError => Headers.Any(h => string.Equals(h.Key, ErrorResponseHeader, StringComparison.OrdinalIgnoreCase));

    public bool CancelsReminder => Headers.Any(h => string.Equals(h.Key, ReminderCancelHeader, StringComparison.OrdinalIgnoreCase) &&
        h.Value.Any(v => v is "1" || string.Equals(v, "true", StringComparison.OrdinalIgnoreCase)));
}
