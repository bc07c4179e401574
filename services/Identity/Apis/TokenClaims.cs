namespace DaprShop.Identity.Apis;

/// <summary>What <c>/api/v1/auth/validate</c> reports about a valid access token.</summary>
internal sealed record TokenClaims(string Sub, string Tid, IReadOnlyList<string> Roles, DateTimeOffset? Expires);
