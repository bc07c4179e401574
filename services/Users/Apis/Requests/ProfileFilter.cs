namespace DaprShop.Users.Apis.Requests;

/// <summary>Staff search of <c>GET /api/v1/profiles</c>: <c>?email=</c> matches one address exactly, ignoring case.</summary>
internal sealed record ProfileFilter(string? Email);
