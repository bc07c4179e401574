using DaprShop.Identity.Apis;
using DaprShop.Identity.Data;
using DaprShop.Identity.Domain;
using DaprShop.Identity.IntegrationEvents;
using DaprShop.Identity.RateLimits;
using DaprShop.Identity.Seeding;
using DaprShop.Identity.Tokens;
using DaprShop.Identity.Users;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Health;
using DaprShop.ServiceDefaults.Tenancy;
using FluentValidation;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DaprShop.Identity.Extensions;

internal static class Extensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // The same bound options every service validates tokens with: what identity issues is what they expect.
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var issuer = auth.Issuer;

        services.AddTenantDbContext<IdentityDb>(
            builder.Configuration.GetConnectionString("identity") ?? throw new InvalidOperationException("ConnectionStrings:identity is not configured"),
            o => o.UseOpenIddict());
        services.AddDatabaseReadiness<IdentityDb>();
        services.AddIntegrationEvents<IdentityDb>();
        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;   // unique within the tenant: the user store's queries are tenant-filtered
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = Validation.CredentialRules.MinPasswordLength;
                // Hashing: Identity's PasswordHasher, V3 format = PBKDF2 with HMAC-SHA512, 100,000 iterations (the .NET 10
                // default), 128-bit salt, 256-bit subkey. No native dependency (unlike argon2/bcrypt packages), FIPS-approved,
                // and each hash records its count, so raising it later rehashes on the next successful sign-in.
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<IdentityDb>()
            .AddUserManager<TenantUserManager>();
        services.AddScoped(sp => (TenantUserManager)sp.GetRequiredService<UserManager<AppUser>>());

        services.AddSingleton<TokenKeyStore>();
        services.AddSingleton<DummyPasswordHash>();
        services.AddScoped<IdentitySeeder>();
        services.AddScoped<UserEventPublisher>();
        services.AddScoped<SessionRevoker>();
        services.AddScoped<PasswordSignIn>();
        services.AddOptions<SignInRateLimitOptions>().BindConfiguration(SignInRateLimitOptions.Section);
        services.AddSingleton<FixedWindowThrottle>();
        services.AddAuthorizationBuilder().AddIdentityPolicies();
        services.AddScoped<TokenPruner>();
        services.AddHostedService<IdentityStartup>();

        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityDb>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris(IdentityRoutes.Token.TrimStart('/'))
                    .SetRevocationEndpointUris(IdentityRoutes.Revocation.TrimStart('/'))
                    .SetIntrospectionEndpointUris(IdentityRoutes.Introspection.TrimStart('/'))
                    .SetConfigurationEndpointUris(IdentityRoutes.Discovery.TrimStart('/'))
                    .SetJsonWebKeySetEndpointUris(IdentityRoutes.Jwks.TrimStart('/'));
                o.AllowPasswordFlow().AllowRefreshTokenFlow();
                o.SetIssuer(issuer);
                o.RegisterScopes(Scopes.OfflineAccess);
                o.DisableAccessTokenEncryption();   // access tokens are plain signed JWTs (RS256) every service can validate
                // Defaults; each tenant's own lifetimes travel on the principal (TokenPrincipalFactory) and win.
                o.SetAccessTokenLifetime(TenantSettings.Default.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(TenantSettings.Default.RefreshTokenLifetime);
                // Default 30 s lets a spent refresh token be reused; DaprShop treats any reuse as theft and revokes the family.
                o.SetRefreshTokenReuseLeeway(null);
                // http inside the mesh: the sidecars carry mTLS, the gateway terminates TLS at the edge.
                o.UseAspNetCore().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
                o.AddEventHandler<OpenIddictServerEvents.HandleRevocationRequestContext>(h => h
                    .UseScopedHandler<RevokeWholeAuthorization>()
                    .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order + 1)
                    .SetType(OpenIddictServerHandlerType.Custom));
                o.AddRefreshTokenRotation();
                o.AddEventHandler(DiscoveryFromIssuer.Descriptor);
                o.AddEventHandler(IntrospectionForConfidentialClients.Descriptor);
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
                // Without an audience the local validation would accept a token minted for another API.
                o.AddAudiences(auth.Audience);
                // /api/v1/auth/validate refuses revoked tokens (logout, lock) at once, not only expired ones.
                o.EnableTokenEntryValidation();
                o.EnableAuthorizationEntryValidation();
            });

        // The keys come from the secret store when the host starts (IdentityStartup), after the container is built:
        // OpenIddict's options are first read on the first request, by which time they are loaded.
        services.AddOptions<OpenIddictServerOptions>().Configure<TokenKeyStore>((o, store) =>
        {
            foreach (var key in store.Keys.SigningKeys)
            {
                o.SigningCredentials.Add(new SigningCredentials(key, key is ECDsaSecurityKey ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256));
            }

            foreach (var key in store.Keys.EncryptionKeys)
            {
                o.EncryptionCredentials.Add(new EncryptingCredentials(key, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
            }
        });

        // Identity's own admin APIs validate bearer tokens with the keys it holds, instead of fetching its own JWKS
        // through its sidecar as the other services do (same checks: issuer, audience, lifetime, pinned algorithm).
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).PostConfigure<TokenKeyStore>((o, store) =>
        {
            var configuration = new OpenIdConnectConfiguration { Issuer = issuer.AbsoluteUri };
            foreach (var key in store.Keys.SigningKeys)
            {
                configuration.SigningKeys.Add(key);
            }

            o.Configuration = configuration;
            o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
        });

        // A JSON auth route rewritten onto /connect/* reports the path its client called, not the internal one.
        services.PostConfigure<ProblemDetailsOptions>(o =>
        {
            var shared = o.CustomizeProblemDetails;
            o.CustomizeProblemDetails = ctx =>
            {
                ctx.ProblemDetails.Instance ??= JsonAuthRoutes.PublicPathOf(ctx.HttpContext);
                shared?.Invoke(ctx);
            };
        });

        return builder;
    }

    /// <summary>What identity does with a request before authentication (in this order).</summary>
    public static WebApplication UseIdentityEdge(this WebApplication app)
    {
        app.UseMiddleware<JsonAuthRoutes>();
        app.UseMiddleware<SignInRateLimiting>();
        return app;
    }

    /// <summary>Every endpoint identity maps, feature by feature; the paths themselves are listed in <see cref="IdentityRoutes"/>.</summary>
    public static WebApplication MapIdentityApis(this WebApplication app)
    {
        app.MapConnectApi();
        app.MapAuthApi();
        app.MapUsersApi();
        app.MapTenantsApi();
        app.MapTokenPruningApi();
        return app;
    }
}
