using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace DaprShop.Cart.Actors;

/// <summary>
/// Actor ids carry the tenant first (<c>{tenantId}:{userId}</c>, <c>{tenantId}:guest:{guestCartId}</c>), so a cart is
/// only ever addressed within its tenant, and the actor checks every call's tenant against its own id.
/// </summary>
internal static partial class CartActorIds
{
    public static string User(Guid tenantId, Guid userId) => $"{tenantId:D}:{userId:D}";

    public static string Guest(Guid tenantId, string guestCartId) => $"{tenantId:D}:guest:{guestCartId}";

    /// <summary>The tenant in an actor id; null for an id not made here (which then serves nobody).</summary>
    public static Guid? TenantOf(string actorId)
    {
        var colon = actorId.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && Guid.TryParse(actorId.AsSpan(0, colon), out var t) && t != Guid.Empty ? t : null;
    }

    /// <summary>The part after the tenant: the user id, or <c>guest:{id}</c>; the backup's key within the tenant.</summary>
    public static string OwnerOf(string actorId) => actorId[(actorId.IndexOf(':', StringComparison.Ordinal) + 1)..];

    public static bool IsGuest(string actorId) => OwnerOf(actorId).StartsWith("guest:", StringComparison.Ordinal);
}

/// <summary>
/// A guest cart's id is its capability: whoever holds it may use the cart, so it is 128 bits from the system's
/// cryptographic generator (32 lower-case hex digits), never derived from anything guessable.
/// </summary>
internal static partial class GuestCartIds
{
    public const int Length = 32;

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsValid(string? id) => id is not null && Format().IsMatch(id);

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Format();
}
