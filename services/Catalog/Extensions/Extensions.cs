using DaprShop.Catalog.Apis;
using DaprShop.Catalog.Caching;
using DaprShop.Catalog.Data;
using DaprShop.Catalog.Data.Mongo;
using DaprShop.Catalog.Data.Postgres;
using DaprShop.Catalog.IntegrationEvents;
using DaprShop.Contracts;
using DaprShop.Contracts.Reviews;
using DaprShop.ServiceDefaults.Data;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Health;
using DaprShop.ServiceDefaults.Mongo;
using DaprShop.ServiceDefaults.Tenancy;
using FluentValidation;

namespace DaprShop.Catalog.Extensions;

internal static class Extensions
{
    public const string PostgresConnectionName = "catalog";
    public const string MongoConnectionName = "catalog-mongo";

    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section);
        services.AddAuthorizationBuilder().AddCatalogPolicies();
        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
        services.AddScoped<ProductEvents>();
        services.AddSingleton<ProductCache>();

        if (UsesMongo(builder.Configuration))
        {
            var connectionString = builder.Configuration.GetConnectionString(MongoConnectionName)
                ?? throw new InvalidOperationException($"Catalog:Store=mongo needs ConnectionStrings:{MongoConnectionName}");
            services.AddSingleton(MongoCatalog.FromConnectionString(connectionString));
            services.AddScoped<IProductStore, MongoProductStore>();
            services.AddScoped<IProductImporter, MongoProductImporter>();
            services.AddMongoOutboxAndReadiness<MongoCatalog>();
            // No EF Core event store on MongoDB; catalog's one handler is idempotent by the event's version.
            services.AddSelfIdempotentEventHandling();
        }
        else
        {
            services.AddTenantDbContext<CatalogDb>(builder.Configuration.GetConnectionString(PostgresConnectionName)
                ?? throw new InvalidOperationException($"ConnectionStrings:{PostgresConnectionName} (PostgreSQL) or ConnectionStrings:{MongoConnectionName} is required"));
            services.AddDatabaseReadiness<CatalogDb>();
            services.AddIntegrationEvents<CatalogDb>();
            services.AddScoped<IProductStore, PostgresProductStore>();
            services.AddScoped<IProductImporter, PostgresProductImporter>();
        }
        return builder;
    }

    /// <summary>MongoDB when asked for (<c>Catalog:Store=mongo</c>) or when its connection string is there; else PostgreSQL.</summary>
    public static bool UsesMongo(IConfiguration configuration) =>
        configuration[$"{CatalogOptions.Section}:Store"] is { } store
            ? store.Equals("mongo", StringComparison.OrdinalIgnoreCase)
            : configuration.GetConnectionString(MongoConnectionName) is not null;

    /// <summary>Applies the PostgreSQL migrations, or creates the MongoDB indexes.</summary>
    public static async Task PrepareCatalogStoreAsync(this WebApplication app)
    {
        if (UsesMongo(app.Configuration))
            await app.Services.GetRequiredService<MongoCatalog>().EnsureIndexesAsync(CancellationToken.None);
        else
            await app.MigrateDatabaseAsync<CatalogDb>();
    }

    public static WebApplication MapCatalogApis(this WebApplication app)
    {
        app.MapProductsApi();
        app.MapIntegrationEvent<ProductRatingChanged, ProductRatingChangedHandler>(Topics.ReviewEvents);
        return app;
    }
}
