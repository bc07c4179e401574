using DaprShop.Contracts;
using DaprShop.Contracts.Ordering;
using DaprShop.Reviews.Apis;
using DaprShop.Reviews.Data;
using DaprShop.Reviews.Data.Postgres;
using DaprShop.Reviews.IntegrationEvents;
using DaprShop.ServiceDefaults.Data;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Health;
using DaprShop.ServiceDefaults.Tenancy;
using FluentValidation;

namespace DaprShop.Reviews.Extensions;

internal static class Extensions
{
    public const string PostgresConnectionName = "reviews";

    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ReviewsOptions>().BindConfiguration(ReviewsOptions.Section)
            .Validate(o => o.MinTextLength is >= 0 and <= Domain.ReviewRules.MaxTextLength, "Reviews:MinTextLength out of range")
            .ValidateOnStart();
        services.AddAuthorizationBuilder().AddReviewsPolicies();
        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
        services.AddScoped<ReviewScreener>();

        services.AddTenantDbContext<ReviewsDb>(builder.Configuration.GetConnectionString(PostgresConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{PostgresConnectionName} (PostgreSQL) is required"));
        services.AddDatabaseReadiness<ReviewsDb>();
        services.AddIntegrationEvents<ReviewsDb>();
        services.AddScoped<IReviewStore, PostgresReviewStore>();
        return builder;
    }

    /// <summary>Applies the PostgreSQL migrations.</summary>
    public static async Task PrepareReviewsStoreAsync(this WebApplication app) => await app.MigrateDatabaseAsync<ReviewsDb>();

    public static WebApplication MapReviewsApis(this WebApplication app)
    {
        app.MapReviewsApi();
        app.MapModerationApi();
        app.MapIntegrationEvent<OrderDelivered, OrderDeliveredHandler>(Topics.OrderEvents);
        return app;
    }
}
