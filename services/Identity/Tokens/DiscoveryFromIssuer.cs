using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace DaprShop.Identity.Tokens;

/// <summary>
/// OpenIddict builds the discovery document's endpoint URLs from the request's base URI, i.e. its <c>Host</c> header
/// (<c>Host: evil.example</c> would advertise <c>http://evil.example/connect/token</c>). They are built from the
/// configured issuer instead (<c>Auth:Issuer</c>, the kit's <c>AuthOptions</c>), the one address every service trusts.
/// </summary>
internal sealed class DiscoveryFromIssuer : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor
        .CreateBuilder<HandleConfigurationRequestContext>()
        .UseSingletonHandler<DiscoveryFromIssuer>()
        .SetOrder(OpenIddictServerHandlers.Discovery.AttachIssuer.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.BaseUri = context.Options.Issuer ?? throw new InvalidOperationException("OpenIddict has no issuer configured.");
        return ValueTask.CompletedTask;
    }
}
