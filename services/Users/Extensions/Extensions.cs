using DaprShop.Contracts;
using DaprShop.Contracts.Users;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Health;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.Users.Apis;
using DaprShop.Users.Caching;
using DaprShop.Users.Data;
using DaprShop.Users.IntegrationEvents;
using FluentValidation;

namespace DaprShop.Users.Extensions;

internal static class Extensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddTenantDbContext<UsersDb>(
            builder.Configuration.GetConnectionString("users") ?? throw new InvalidOperationException("ConnectionStrings:users is not configured"));
        services.AddDatabaseReadiness<UsersDb>();
        services.AddIntegrationEvents<UsersDb>();
        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);

        services.AddOptions<ProfileCacheOptions>()
            .Bind(builder.Configuration.GetSection(ProfileCacheOptions.Section))
            .Validate(o => o.ProfileCacheTtlSeconds > 0, "Users:ProfileCacheTtlSeconds must be positive")
            .ValidateOnStart();
        services.AddSingleton<ProfileCache>();

        return builder;
    }

    public static WebApplication MapUsersApis(this WebApplication app)
    {
        app.MapProfilesApi();
        app.MapAddressesApi();
        app.MapUserValidationApi();

        app.MapIntegrationEvent<UserRegistered, CreateProfileOnUserRegistered>(Topics.UserEvents);
        app.MapIntegrationEvent<UserLockChanged, UpdateLockOnUserLockChanged>(Topics.UserEvents);
        app.MapIntegrationEvent<UserRolesChanged, UpdateRolesOnUserRolesChanged>(Topics.UserEvents);
        return app;
    }
}
