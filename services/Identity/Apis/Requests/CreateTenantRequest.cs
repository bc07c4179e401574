namespace DaprShop.Identity.Apis.Requests;

/// <summary>A new tenant; <see cref="Admin"/> optionally creates its first admin, who then creates the other staff.</summary>
internal sealed record CreateTenantRequest(string Name, TenantSettingsRequest? Settings, TenantAdminRequest? Admin);
