namespace DaprShop.Identity.Apis.Requests;

internal sealed record CreateUserRequest(string Email, string Password, IReadOnlyList<string>? Roles);
