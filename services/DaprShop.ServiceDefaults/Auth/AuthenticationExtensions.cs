using Dapr.Client;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace DaprShop.ServiceDefaults.Auth;

internal static class AuthenticationExtensions
{
    /// <summary>
    /// JWT bearer validation against identity's signing keys. Discovery and JWKS come through Dapr service
    /// invocation (the issuer's host is identity's app-id) unless <see cref="AuthOptions.MetadataAddress"/> names a URL.
    /// The algorithm is pinned, and issuer, audience, lifetime and token type are all checked.
    /// </summary>
    public static void AddDaprShopAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, IConfiguration, IServiceProvider>((o, auth, config, services) =>
            {
                var issuer = auth.Value.Issuer;
                var metadata = auth.Value.MetadataAddress ?? new Uri(issuer, ".well-known/openid-configuration");
                IDocumentRetriever retriever = auth.Value.MetadataAddress is null
                    ? new IssuerAppDocumentRetriever(DaprClient.CreateInvokeHttpClient(issuer.Host, Dapr.DaprDefaults.GetDefaultHttpEndpoint(config)), issuer)
                    : new HttpDocumentRetriever(new HttpClient()) { RequireHttps = false };
                o.MapInboundClaims = false;
                o.RequireHttpsMetadata = false; // inside the mesh; Dapr mTLS protects the hop
                o.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    metadata.AbsoluteUri, new OpenIdConnectConfigurationRetriever(), retriever);
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = issuer.AbsoluteUri,
                    ValidAudience = auth.Value.Audience,
                    ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                    ValidTypes = ["at+jwt"],
                    NameClaimType = DaprShopClaims.Subject,
                    RoleClaimType = DaprShopClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    // Lifetime is checked against the injected clock, so tests can expire a token without waiting.
                    LifetimeValidator = (notBefore, expires, _, p) =>
                    {
                        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                        return (notBefore is null || notBefore <= now + p.ClockSkew) && expires is { } exp && exp >= now - p.ClockSkew;
                    },
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Customer, p => p.RequireAuthenticatedUser().RequireClaim(DaprShopClaims.TenantId).RequireRole(Roles.Customer))
            .AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser().RequireClaim(DaprShopClaims.TenantId).RequireRole(Roles.Admin))
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().RequireClaim(DaprShopClaims.TenantId).RequireRole(Roles.Admin, Roles.Support))
            .AddPolicy(Policies.PlatformAdmin, p => p.RequireAuthenticatedUser().RequireRole(Roles.PlatformAdmin));
    }
}
