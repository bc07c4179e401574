using DaprShop.ServiceDefaults.Problems;
using DaprShop.Users.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Users.Apis;

/// <summary>The problems the users service answers, with stable types clients can branch on.</summary>
internal static class UsersProblems
{
    const string Base = "https://daprshop.dev/problems/";
    public const string ProfileNotReady = Base + "profile-not-ready";
    public const string AddressLimit = Base + "address-limit";
    public const string DefaultAddressRequired = Base + "default-address-required";
    public const string UserLocked = Base + "user-locked";
    public const string AddressTypeMismatch = Base + "address-type-mismatch";

    /// <summary>Seconds a client should wait before asking again for a profile that is still being created.</summary>
    public const int ProfileRetryAfterSeconds = 2;

    /// <summary>
    /// The caller's own profile is not there yet: it is created when identity's <c>UserRegistered</c> event arrives,
    /// normally within moments of sign-up. (Callers also get <c>Retry-After</c>.)
    /// </summary>
    public static ProblemHttpResult OwnProfileNotFound() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        type: ProfileNotReady,
        title: "Profile not found",
        detail: "Your profile is created from your registration shortly after sign-up and is not there yet; try again in a moment.");

    public static ProblemHttpResult ProfileNotFound(Guid userId) => Problem.NotFound("Profile", userId);

    public static ProblemHttpResult AddressNotFound(Guid addressId) => Problem.NotFound("Address", addressId);

    public static ProblemHttpResult PreconditionFailed(string what) => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        type: ProblemTypes.PreconditionFailed,
        title: "Precondition failed",
        detail: $"The {what} changed since you read it (If-Match does not match its ETag); read it again and retry.");

    public static ProblemHttpResult For(AddressBookError error) => error switch
    {
        AddressBookError.LimitReached => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            type: AddressLimit,
            title: "Too many addresses",
            detail: $"A user can keep at most {AddressBook.MaxAddresses} addresses; delete one first."),
        AddressBookError.DefaultCannotBeUnset => TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            type: DefaultAddressRequired,
            title: "The default address cannot be unset",
            detail: "Every address type in use has one default; make another address of this type the default instead."),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };
}
