using DaprShop.Identity.Tokens;

namespace DaprShop.Identity.Seeding;

/// <summary>
/// Runs before the server accepts requests (hosted services start first): reads the keys from the secret store,
/// then seeds. Both need the sidecar, so it waits for it. Migrations have already run (Program.cs).
/// </summary>
internal sealed class IdentityStartup(IServiceScopeFactory scopes, TokenKeyStore keys, Dapr.Client.DaprClient dapr) : IHostedService
{
    private static readonly TimeSpan SidecarTimeout = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A sidecar that never comes up should fail the start with a message, not hang it.
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            wait.CancelAfter(SidecarTimeout);
            await dapr.WaitForSidecarAsync(wait.Token);
        }

        await keys.LoadAsync(cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().SeedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
