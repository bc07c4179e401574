namespace DaprShop.Identity.Apis.Requests;

internal sealed record RefreshRequest(string RefreshToken);
