using System.Text;
using Dapr.Client;
using DaprShop.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace DaprShop.ServiceDefaults.Webhooks;

/// <summary>The signing secret a webhook sender and its receiver share.</summary>
public interface IWebhookSecret
{
    /// <summary>The secret's bytes (UTF-8 of its value); throws <see cref="InvalidOperationException"/> if there is none.</summary>
    Task<byte[]> GetAsync(CancellationToken ct);
}

/// <summary>
/// A webhook secret from the Dapr secret store (never configuration). Read on first use and again after a minute, so a
/// rotated secret applies without a restart.
/// </summary>
public sealed class SecretStoreWebhookSecret(DaprClient dapr, string name, TimeProvider clock) : IWebhookSecret, IDisposable
{
    static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);
    readonly SemaphoreSlim _gate = new(1, 1);
    byte[]? _value;
    DateTimeOffset _readAt;

    public async Task<byte[]> GetAsync(CancellationToken ct)
    {
        if (_value is { } cached && clock.GetUtcNow() - _readAt < Refresh) return cached;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_value is { } fresh && clock.GetUtcNow() - _readAt < Refresh) return fresh;
            var values = await dapr.GetSecretAsync(Components.SecretStore, name, cancellationToken: ct).ConfigureAwait(false);
            if (!values.TryGetValue(name, out var secret) || string.IsNullOrEmpty(secret))
                throw new InvalidOperationException($"The secret store has no '{name}' (scripts/dev-secrets.sh writes one for development).");
            _value = Encoding.UTF8.GetBytes(secret);
            _readAt = clock.GetUtcNow();
            return _value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}

public static class WebhookSecretExtensions
{
    /// <summary>The service's <see cref="IWebhookSecret"/>: the secret-store entry <paramref name="name"/> names (from its options).</summary>
    public static IServiceCollection AddWebhookSecret(this IServiceCollection services, Func<IServiceProvider, string> name) =>
        services.AddSingleton<IWebhookSecret>(sp =>
            new SecretStoreWebhookSecret(sp.GetRequiredService<DaprClient>(), name(sp), sp.GetRequiredService<TimeProvider>()));
}
