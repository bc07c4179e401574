namespace DaprShop.Identity.Apis.Requests;

internal sealed record SignUpRequest(Guid TenantId, string Email, string Password);
