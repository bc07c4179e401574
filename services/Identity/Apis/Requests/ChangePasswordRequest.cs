namespace DaprShop.Identity.Apis.Requests;

internal sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);
