using DaprShop.Contracts;
using DaprShop.Contracts.Ordering;
using DaprShop.Reviews.Apis;
using DaprShop.Reviews.Data;
using DaprShop.Reviews.Data.Mongo;
using DaprShop.Reviews.Data.Postgres;
using DaprShop.Reviews.IntegrationEvents;
using DaprShop.ServiceDefaults.Data;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Health;
using DaprShop.ServiceDefaults.Mongo;
using DaprShop.ServiceDefaults.Tenancy;
using FluentValidation;

namespace DaprShop.Reviews.Extensions;

internal static class Extensions
{
    public const string PostgresConnectionName = "reviews";
    public const string MongoConnectionName = "reviews-mongo";

    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ReviewsOptions>().BindConfiguration(ReviewsOptions.Section)
            .Validate(o => o.MinTextLength is >= 0 and <= Domain.ReviewRules.MaxTextLength, "Reviews:MinTextLength out of range")
            .ValidateOnStart();
        services.AddAuthorizationBuilder().AddReviewsPolicies();
        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
        services.AddScoped<ReviewScreener>();

        if (UsesMongo(builder.Configuration))
        {
            var connectionString = builder.Configuration.GetConnectionString(MongoConnectionName)
                ?? throw new InvalidOperationException($"Reviews:Store=mongo needs ConnectionStrings:{MongoConnectionName}");
            services.AddSingleton(MongoReviews.FromConnectionString(connectionString));
            services.AddScoped<IReviewStore, MongoReviewStore>();
            services.AddMongoOutboxAndReadiness<MongoReviews>();
            // No PostgreSQL at all in this mode: the one handler (OrderDelivered → purchases) is idempotent by the
            // purchases' unique index, so it needs no processed-event record.
            services.AddSelfIdempotentEventHandling();
        }
        else
        {
            services.AddTenantDbContext<ReviewsDb>(builder.Configuration.GetConnectionString(PostgresConnectionName)
                ?? throw new InvalidOperationException($"ConnectionStrings:{PostgresConnectionName} (PostgreSQL) or ConnectionStrings:{MongoConnectionName} is required"));
            services.AddDatabaseReadiness<ReviewsDb>();
            services.AddIntegrationEvents<ReviewsDb>();
            services.AddScoped<IReviewStore, PostgresReviewStore>();
        }
        return builder;
    }

    /// <summary>MongoDB when asked for (<c>Reviews:Store=mongo</c>) or when its connection string is there; else PostgreSQL (the default).</summary>
    public static bool UsesMongo(IConfiguration configuration) =>
        configuration[$"{ReviewsOptions.Section}:Store"] is { } store
            ? store.Equals("mongo", StringComparison.OrdinalIgnoreCase)
            : configuration.GetConnectionString(MongoConnectionName) is not null;

    /// <summary>Applies the PostgreSQL migrations, or creates the MongoDB indexes.</summary>
    public static async Task PrepareReviewsStoreAsync(this WebApplication app)
    {
        if (UsesMongo(app.Configuration))
            await app.Services.GetRequiredService<MongoReviews>().EnsureIndexesAsync(CancellationToken.None);
        else
            await app.MigrateDatabaseAsync<ReviewsDb>();
    }

    public static WebApplication MapReviewsApis(this WebApplication app)
    {
        app.MapReviewsApi();
        app.MapModerationApi();
        app.MapIntegrationEvent<OrderDelivered, OrderDeliveredHandler>(Topics.OrderEvents);
        return app;
    }
}
