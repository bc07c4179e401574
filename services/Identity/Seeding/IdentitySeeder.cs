using System.Security.Claims;
using Dapr.Client;
using DaprShop.Contracts;
using DaprShop.Identity.Data;
using DaprShop.Identity.Domain;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DaprShop.Identity.Seeding;

/// <summary>
/// What identity needs before its first request, created idempotently at every start: the roles, the platform
/// tenant with its platform admin (email from configuration, password from the secret store), and the public
/// first-party client the token endpoint expects.
/// </summary>
internal sealed class IdentitySeeder(
    IdentityDb db,
    ITenantContext tenantContext,
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOpenIddictApplicationManager applications,
    DaprClient dapr,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<IdentitySeeder> logger)
{
    public const string PublicClientId = "daprshop-web";
    public const string PlatformTenantName = "platform";
    public const string PlatformAdminPasswordSecret = "identity-platform-admin-password";
    private const string AppliedSecretClaim = "daprshop:applied-admin-secret";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await SeedRolesAsync();
        var platform = await SeedPlatformTenantAsync(cancellationToken);
        await SeedPlatformAdminAsync(platform, cancellationToken);
        await SeedPublicClientAsync(cancellationToken);
    }

    private async Task SeedRolesAsync()
    {
        foreach (var role in Roles.TenantRoles.Append(Roles.PlatformAdmin))
        {
            if (!await roles.RoleExistsAsync(role))
            {
                EnsureSucceeded(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }
    }

    private async Task<Tenant> SeedPlatformTenantAsync(CancellationToken cancellationToken)
    {
        if (await db.Tenants.SingleOrDefaultAsync(t => t.IsPlatform, cancellationToken) is { } existing)
        {
            return existing;
        }

        var platform = new Tenant
        {
            // A configured, well-known id lets operators (and the README's first steps) log in as platform admin.
            Id = configuration.GetValue<Guid?>("Identity:PlatformTenantId") ?? Guid.CreateVersion7(),
            Name = PlatformTenantName,
            IsPlatform = true,
            CreatedAt = clock.GetUtcNow(),
            Settings = TenantSettings.Default with { SelfSignUpEnabled = false },
        };
        db.Tenants.Add(platform);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Created the platform tenant {TenantId}", platform.Id);
        return platform;
    }

    /// <summary>
    /// The platform admin, with the secret store's password. The secret is the source of truth: when it differs from
    /// the one last applied (a fresh <c>.local/secrets.json</c>, a rotated secret), the admin's password is reset to it at
    /// start; while it is unchanged, a password the admin changed through the API stands. What was last applied is kept
    /// as a PBKDF2 hash in a user claim, never the secret itself.
    /// </summary>
    private async Task SeedPlatformAdminAsync(Tenant platform, CancellationToken cancellationToken)
    {
        var email = configuration["Identity:PlatformAdmin:Email"];
        if (string.IsNullOrWhiteSpace(email))
        {
            logger.LogWarning("Identity:PlatformAdmin:Email is not configured: no platform admin is seeded");
            return;
        }

        var secret = await dapr.GetSecretAsync(Components.SecretStore, PlatformAdminPasswordSecret, cancellationToken: cancellationToken);
        var password = secret.Values.FirstOrDefault(v => !string.IsNullOrEmpty(v))
            ?? throw new InvalidOperationException($"Secret '{PlatformAdminPasswordSecret}' is empty.");

        tenantContext.Set(platform.Id);
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            await FollowSecretAsync(existing, password);
            return;
        }

        var admin = new AppUser { UserName = email, Email = email, TenantId = platform.Id, CreatedAt = clock.GetUtcNow(), EmailConfirmed = true };
        EnsureSucceeded(await users.CreateAsync(admin, password), "platform admin");
        EnsureSucceeded(await users.AddToRolesAsync(admin, [Roles.PlatformAdmin, Roles.Admin]), "platform admin roles");
        EnsureSucceeded(await users.AddClaimAsync(admin, new Claim(AppliedSecretClaim, users.PasswordHasher.HashPassword(admin, password))), "platform admin secret");
        logger.LogInformation("Created the platform admin {UserId} in tenant {TenantId}", admin.Id, platform.Id);
    }

    private async Task FollowSecretAsync(AppUser admin, string password)
    {
        var applied = (await users.GetClaimsAsync(admin)).FirstOrDefault(c => c.Type == AppliedSecretClaim);
        if (applied is not null && users.PasswordHasher.VerifyHashedPassword(admin, applied.Value, password) != PasswordVerificationResult.Failed)
        {
            return;   // the secret has not changed since it was applied
        }

        var marker = new Claim(AppliedSecretClaim, users.PasswordHasher.HashPassword(admin, password));
        if (applied is null && await users.CheckPasswordAsync(admin, password))
        {
            EnsureSucceeded(await users.AddClaimAsync(admin, marker), "platform admin secret");   // seeded before the marker existed
            return;
        }

        EnsureSucceeded(await users.RemovePasswordAsync(admin), "platform admin password");
        EnsureSucceeded(await users.AddPasswordAsync(admin, password), "platform admin password");
        EnsureSucceeded(applied is null ? await users.AddClaimAsync(admin, marker) : await users.ReplaceClaimAsync(admin, applied, marker), "platform admin secret");
        logger.LogWarning(
            "The secret {Secret} changed since it was last applied: the platform admin {Email} now signs in with the new value (their refresh tokens stop working)",
            PlatformAdminPasswordSecret, admin.Email);
    }

    private async Task SeedPublicClientAsync(CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = PublicClientId,
            ClientType = ClientTypes.Public,
            DisplayName = "DaprShop web",
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.Password,
                Permissions.GrantTypes.RefreshToken,
            },
        };

        if (await applications.FindByClientIdAsync(PublicClientId, cancellationToken) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
    }

    private static void EnsureSucceeded(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {what} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
