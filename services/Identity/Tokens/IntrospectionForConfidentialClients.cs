using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace DaprShop.Identity.Tokens;

/// <summary>
/// Introspection tells who a token belongs to and whether it is live: only a client that proves who it is (a
/// confidential client with its secret, i.e. a service) may ask. The public web client carries no secret, so anyone
/// could use its id; it lost the introspection permission, and this check keeps a public client from ever regaining it.
/// Services validate access tokens themselves (JWKS) and reach <c>/api/v1/auth/validate</c> for a revocation-aware
/// answer; introspection is for an operator-registered confidential client whose id is the audience it serves.
/// </summary>
internal sealed class IntrospectionForConfidentialClients(IOpenIddictApplicationManager applications)
    : IOpenIddictServerHandler<ValidateIntrospectionRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor
        .CreateBuilder<ValidateIntrospectionRequestContext>()
        .UseScopedHandler<IntrospectionForConfidentialClients>()
        .SetOrder(OpenIddictServerHandlers.Introspection.ValidateEndpointPermissions.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateIntrospectionRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var client = string.IsNullOrEmpty(context.ClientId) ? null : await applications.FindByClientIdAsync(context.ClientId, context.CancellationToken);
        if (client is null || !await applications.HasClientTypeAsync(client, ClientTypes.Confidential, context.CancellationToken))
        {
            context.Reject(Errors.UnauthorizedClient, "Only confidential clients may introspect tokens.");
        }
    }
}
