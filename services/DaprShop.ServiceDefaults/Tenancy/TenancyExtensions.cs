using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DaprShop.ServiceDefaults.Tenancy;

internal static class TenancyExtensions
{
    public static void AddTenancy(this IServiceCollection services) => services.AddScoped<ITenantContext, TenantContext>();

    public static void UseTenantResolution(this WebApplication app) => app.UseMiddleware<TenantResolutionMiddleware>();
}
