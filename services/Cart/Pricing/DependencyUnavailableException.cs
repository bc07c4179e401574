namespace DaprShop.Cart.Pricing;

/// <summary>Catalog or inventory could not answer (down, timed out, circuit open, an answer we cannot read): a 503, never a 500.</summary>
internal sealed class DependencyUnavailableException(string service, string reason, Exception? inner = null)
    : Exception($"{service} is unavailable: {reason}", inner)
{
    public string Service { get; } = service;
}
