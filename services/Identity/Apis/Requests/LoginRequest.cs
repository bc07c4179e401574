namespace DaprShop.Identity.Apis.Requests;

internal sealed record LoginRequest(Guid TenantId, string Email, string Password);
