using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.ServiceDefaults.Problems;

/// <summary>The problems every service answers the same way.</summary>
public static class Problem
{
    /// <summary>404 for an id the caller's tenant does not have, whether it exists elsewhere or nowhere.</summary>
    public static ProblemHttpResult NotFound(string what, object id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        type: ProblemTypes.NotFound,
        title: $"{what} not found",
        detail: $"No {what.ToLowerInvariant()} {id} in this tenant.");
}
