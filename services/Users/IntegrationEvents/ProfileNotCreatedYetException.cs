namespace DaprShop.Users.IntegrationEvents;

/// <summary>
/// An event about a user whose profile does not exist yet (its <c>UserRegistered</c> is still on its way). Transient:
/// the kit answers RETRY and the sidecar redelivers under the pub/sub resiliency policy.
/// </summary>
internal sealed class ProfileNotCreatedYetException(Guid userId)
    : Exception($"No profile for user {userId} yet; its UserRegistered has not been handled");
