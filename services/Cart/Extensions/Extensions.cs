using DaprShop.Cart.Actors;
using DaprShop.Cart.Apis;
using DaprShop.Cart.Data;
using DaprShop.Cart.IntegrationEvents;
using DaprShop.Cart.Pricing;
using DaprShop.Contracts;
using DaprShop.Contracts.Ordering;
using DaprShop.ServiceDefaults.Correlation;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Health;
using DaprShop.ServiceDefaults.Tenancy;
using FluentValidation;

namespace DaprShop.Cart.Extensions;

internal static class Extensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddTenantDbContext<CartDb>(
            builder.Configuration.GetConnectionString("cart") ?? throw new InvalidOperationException("ConnectionStrings:cart is not configured"));
        services.AddDatabaseReadiness<CartDb>();
        services.AddIntegrationEventHandling<CartDb>();
        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
        services.AddAuthorizationBuilder().AddCartPolicies();

        services.AddOptions<CartOptions>()
            .Bind(builder.Configuration.GetSection(CartOptions.Section))
            .Validate(o => o.IdleDays > 0 && o.BackupDelaySeconds > 0, "Cart:IdleDays and Cart:BackupDelaySeconds must be positive")
            .ValidateOnStart();

        services.AddDaprInvocationClient(CatalogClient.AppId);
        services.AddDaprInvocationClient(InventoryClient.AppId);
        services.AddSingleton<CatalogClient>();
        services.AddSingleton<InventoryClient>();
        services.AddSingleton<CartBackups>();
        services.AddSingleton<CartActors>();
        services.AddScoped<CartSettingsStore>();

        services.AddActors(o =>
        {
            o.Actors.RegisterActor<CartActor>(CartActor.TypeName);
            o.JsonSerializerOptions = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        });

        return builder;
    }

    public static WebApplication MapCartApis(this WebApplication app)
    {
        app.MapCartApi();
        app.MapGuestCartApi();
        app.MapCartSettingsApi();
        app.MapInternalCartApi();
        app.MapIntegrationEvent<OrderConfirmed, TakeOutOnOrderConfirmed>(Topics.OrderEvents);
        app.MapActorsHandlers();
        return app;
    }
}
