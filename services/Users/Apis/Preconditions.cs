using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Users.Apis;

internal static class Preconditions
{
    /// <summary>
    /// Null when the write may go ahead: no <c>If-Match</c> (an unconditional write), <c>*</c>, or the current version's
    /// tag. Otherwise the problem to answer: 412 for another version (or a weak tag), 400 for a header that is not
    /// entity tags at all.
    /// </summary>
    public static ProblemHttpResult? CheckIfMatch(HttpRequest request, long currentVersion, string what)
    {
        var ifMatch = ETags.IfMatchOf(request);
        return ifMatch.Kind switch
        {
            IfMatchKind.Missing => null,
            IfMatchKind.Invalid => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.BadRequest,
                title: "Unreadable If-Match", detail: "If-Match must be * or quoted entity tags, as the ETag header of a read gives them."),
            _ when ifMatch.Matches(currentVersion) => null,
            _ => UsersProblems.PreconditionFailed(what),
        };
    }
}
