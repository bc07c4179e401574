using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Ordering.Saga.Activities;

/// <summary>
/// An activity's own DI scope acting for the order's tenant: the data layer filters by it and the outgoing calls name
/// it. The workflow runtime creates activities outside any request, so nothing else would set it.
/// </summary>
internal static class TenantScope
{
    public static async Task<T> RunAsync<T>(this IServiceScopeFactory scopes, Guid tenantId, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        return await work(scope.ServiceProvider);
    }
}
