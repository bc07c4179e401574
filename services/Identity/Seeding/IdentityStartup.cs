using DaprShop.Identity.Tokens;
using DaprShop.ServiceDefaults.Sidecar;

namespace DaprShop.Identity.Seeding;

/// <summary>
/// Runs before the server accepts requests (hosted services start first): reads the keys from the secret store,
/// then seeds. Both need the sidecar, so it waits for it. Migrations have already run (Program.cs).
/// </summary>
internal sealed class IdentityStartup(IServiceProvider services, IServiceScopeFactory scopes, TokenKeyStore keys) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await services.WaitForSidecarAsync(cancellationToken);
        await keys.LoadAsync(cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().SeedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
