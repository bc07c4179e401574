namespace DaprShop.Identity.Apis.Requests;

internal sealed record LogoutRequest(string RefreshToken);
