using DaprShop.Contracts;
using DaprShop.Contracts.Ordering;
using DaprShop.Inventory.Apis;
using DaprShop.Inventory.Data;
using DaprShop.Inventory.IntegrationEvents;
using DaprShop.Inventory.Reservations;
using DaprShop.Inventory.Stock;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Health;
using DaprShop.ServiceDefaults.Tenancy;
using FluentValidation;

namespace DaprShop.Inventory.Extensions;

internal static class Extensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddTenantDbContext<InventoryDb>(
            builder.Configuration.GetConnectionString("inventory") ?? throw new InvalidOperationException("ConnectionStrings:inventory is not configured"));
        services.AddDatabaseReadiness<InventoryDb>();
        services.AddIntegrationEvents<InventoryDb>();
        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);

        services.AddOptions<InventoryOptions>()
            .Bind(builder.Configuration.GetSection(InventoryOptions.Section))
            .Validate(o => o.DefaultReservationMinutes is >= Domain.StockRules.MinReservationMinutes and <= Domain.StockRules.MaxReservationMinutes,
                "Inventory:DefaultReservationMinutes is out of range")
            .Validate(o => o.ExpirySweepBatch > 0, "Inventory:ExpirySweepBatch must be positive")
            .ValidateOnStart();
        services.AddScoped<StockCommands>();
        services.AddScoped<StockAdjustments>();
        services.AddScoped<ReservationBook>();

        return builder;
    }

    public static WebApplication MapInventoryApis(this WebApplication app)
    {
        app.MapStockApi();
        app.MapReservationsApi();
        app.MapSettingsApi();
        app.MapInternalReservationsApi();
        app.MapAvailabilityApi();
        app.MapExpirySweepApi();

        app.MapIntegrationEvent<OrderConfirmed, CommitOnOrderConfirmed>(Topics.OrderEvents);
        app.MapIntegrationEvent<OrderCancelled, ReleaseOnOrderCancelled>(Topics.OrderEvents);
        return app;
    }
}
