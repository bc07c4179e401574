using System.Globalization;
using DaprShop.Identity.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Identity.Apis;

/// <summary>Identity's own error kinds: stable problem type URIs (RFC 9457 "type") and the problems built on them.</summary>
internal static class IdentityProblems
{
    private const string Base = "https://daprshop.dev/problems/";
    public const string AccountLocked = Base + "account-locked";
    public const string SignUpDisabled = Base + "sign-up-disabled";
    public const string EmailTaken = Base + "email-taken";
    public const string TenantNameTaken = Base + "tenant-name-taken";

    /// <summary>423 with <c>Retry-After</c> while a failed-sign-in lock lasts (none for an admin's lock: waiting does not help).</summary>
    public static ProblemHttpResult Locked(HttpContext http, DateTimeOffset? lockedUntil, DateTimeOffset now)
    {
        var retryAfter = LockoutPolicy.RetryAfterSeconds(lockedUntil ?? LockoutPolicy.Indefinitely, now);
        if (retryAfter is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status423Locked,
            title: "Account locked",
            detail: retryAfter is null
                ? "The account is locked by an administrator."
                : "Too many failed sign-ins. Try again after the time in Retry-After.",
            type: AccountLocked);
    }
}
