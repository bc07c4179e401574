using DaprShop.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Notifications.Apis;

/// <summary>The problems notifications answers, with stable types clients can branch on.</summary>
internal static class NotificationsProblems
{
    const string Base = "https://daprshop.dev/problems/";
    public const string Transactional = Base + "notification-transactional";
    public const string TemplateInvalid = Base + "template-invalid";
    public const string NotDeadLettered = Base + "notification-not-dead-lettered";

    public static ProblemHttpResult MessageNotFound(object id) => Problem.NotFound("Message", id);

    public static ProblemHttpResult CannotTurnOff(string kind) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity, type: Transactional, title: "This message cannot be turned off",
        detail: $"'{kind}' messages are transactional: they always go by email.",
        extensions: new Dictionary<string, object?> { ["kind"] = kind });

    public static ProblemHttpResult TemplateDoesNotParse(string field, string error) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity, type: TemplateInvalid, title: "The template does not parse",
        detail: $"{field}: {error}", extensions: new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult NotDead(string status) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: NotDeadLettered, title: "The message is not dead-lettered",
        detail: $"Only a dead-lettered message can be re-sent; this one is {status}.",
        extensions: new Dictionary<string, object?> { ["messageStatus"] = status });
}
