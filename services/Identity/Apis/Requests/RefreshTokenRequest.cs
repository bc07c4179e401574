namespace DaprShop.Identity.Apis.Requests;

/// <summary>The body of <c>/api/v1/auth/refresh</c> and <c>/api/v1/auth/logout</c>.</summary>
internal sealed record RefreshTokenRequest(string RefreshToken);
