namespace DaprShop.LocalSidecar.Actors;

/// <summary>An actor API call daprd refuses: the HTTP status, <c>errorCode</c> and message it would answer.</summary>
public sealed class ActorApiException(int status, string errorCode, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string ErrorCode { get; } = errorCode;

    public static ActorApiException NoAddress(string type, string id) =>
        new(StatusCodes.Status404NotFound, "ERR_ACTOR_NO_ADDRESS", $"did not find address for actor '{type}||{id}'");

    public static ActorApiException InstanceMissing() =>
        new(StatusCodes.Status400BadRequest, "ERR_ACTOR_INSTANCE_MISSING", "actor instance is missing");

    public static ActorApiException Invoke(string detail) =>
        new(StatusCodes.Status500InternalServerError, "ERR_ACTOR_INVOKE_METHOD", $"error invoke actor method: {detail}");

    public static ActorApiException StackDepth() =>
        new(StatusCodes.Status500InternalServerError, "ERR_ACTOR_STACK_DEPTH", "maximum stack depth exceeded");

    public static ActorApiException ReminderNotHosted() =>
        new(StatusCodes.Status403Forbidden, "ERR_ACTOR_REMINDER_NON_HOSTED", "operations on actor reminders are only possible on hosted actor types");
}
