using System.Text;
using Dapr.Client;
using DaprShop.Contracts;
using Microsoft.Extensions.Options;

namespace DaprShop.Shipping.Webhooks;

/// <summary>
/// The webhook signing secret the carrier and shipping share, from the Dapr secret store (never configuration). Read
/// on first use and again after a minute, so a rotated secret applies without a restart.
/// </summary>
internal interface IWebhookSecret
{
    /// <summary>The secret's bytes; throws <see cref="InvalidOperationException"/> if there is none.</summary>
    Task<byte[]> GetAsync(CancellationToken ct);
}

/// <inheritdoc cref="IWebhookSecret"/>
internal sealed class WebhookSecret(DaprClient dapr, IOptions<ShippingOptions> options, TimeProvider clock) : IWebhookSecret, IDisposable
{
    static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);
    readonly SemaphoreSlim _gate = new(1, 1);
    byte[]? _value;
    DateTimeOffset _readAt;

    public async Task<byte[]> GetAsync(CancellationToken ct)
    {
        if (_value is { } cached && clock.GetUtcNow() - _readAt < Refresh) return cached;
        await _gate.WaitAsync(ct);
        try
        {
            if (_value is { } fresh && clock.GetUtcNow() - _readAt < Refresh) return fresh;
            var name = options.Value.WebhookSecretName;
            var values = await dapr.GetSecretAsync(Components.SecretStore, name, cancellationToken: ct);
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
