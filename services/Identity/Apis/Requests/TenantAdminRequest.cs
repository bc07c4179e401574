namespace DaprShop.Identity.Apis.Requests;

internal sealed record TenantAdminRequest(string Email, string Password);
