using DaprShop.Identity.Domain;

namespace DaprShop.Identity.Apis;

internal sealed record TenantResponse(Guid Id, string Name, bool IsPlatform, TenantSettings Settings, DateTimeOffset CreatedAt, Guid? AdminUserId)
{
    public static TenantResponse From(Tenant t, Guid? adminUserId = null) => new(t.Id, t.Name, t.IsPlatform, t.Settings, t.CreatedAt, adminUserId);
}
