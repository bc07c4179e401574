using DaprShop.ServiceDefaults.Correlation;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Health;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.ServiceDefaults.Webhooks;
using DaprShop.Shipping.Apis;
using DaprShop.Shipping.Carriers;
using DaprShop.Shipping.Carriers.CarrierApi;
using DaprShop.Shipping.Carriers.Simulator;
using DaprShop.Shipping.Data;
using DaprShop.Shipping.Dispatch;
using DaprShop.Shipping.Webhooks;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace DaprShop.Shipping.Extensions;

internal static class Extensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddTenantDbContext<ShippingDb>(
            builder.Configuration.GetConnectionString("shipping") ?? throw new InvalidOperationException("ConnectionStrings:shipping is not configured"));
        services.AddDatabaseReadiness<ShippingDb>();
        services.AddIntegrationEvents<ShippingDb>();
        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);

        services.AddOptions<ShippingOptions>()
            .Bind(builder.Configuration.GetSection(ShippingOptions.Section))
            .Validate(o => o.WebhookToleranceSeconds > 0 && !string.IsNullOrWhiteSpace(o.WebhookSecretName) && o.DispatchBatch > 0 &&
                           o.RetryFirstSeconds > 0 && o.RetryMaxSeconds >= o.RetryFirstSeconds && o.TrackingPollAfterSeconds > 0,
                "Shipping: settings are invalid")
            .ValidateOnStart();
        services.AddOptions<SimulatorOptions>()
            .Bind(builder.Configuration.GetSection(SimulatorOptions.Section))
            .Validate(o => o.LatencyMilliseconds >= 0 && o.FailureRate is >= 0 and <= 1 && o.LostUpdateRate is >= 0 and <= 1 &&
                           o.ExceptionRate is >= 0 and <= 1 && o.StepSeconds > 0 && o.WebhookMaxAttempts > 0 && o.Currency.Length == 3,
                "CarrierSimulator: settings out of range")
            .ValidateOnStart();

        // The carrier, always through Dapr invocation of its HTTP endpoint (address, credentials and resiliency are YAML).
        services.AddOptions<CarrierOptions>()
            .Bind(builder.Configuration.GetSection(CarrierOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Endpoint) && !string.IsNullOrWhiteSpace(o.Name) &&
                           Uri.IsWellFormedUriString(o.TrackingUrlBase, UriKind.Absolute) && o.CallTimeoutSeconds > 0,
                "Carrier: settings are invalid")
            .ValidateOnStart();
        services.AddDaprInvocationClient(builder.Configuration[$"{CarrierOptions.Section}:{nameof(CarrierOptions.Endpoint)}"] ?? "carrier");
        services.AddSingleton<ICarrier, CarrierApiClient>();

        // The built-in simulator, served by shipping itself as the carrier the endpoint points at (Development, tests).
        if (builder.Configuration.GetValue($"{SimulatorOptions.Section}:{nameof(SimulatorOptions.Serve)}", true))
        {
            services.AddDaprInvocationClient(builder.Configuration[$"{SimulatorOptions.Section}:{nameof(SimulatorOptions.WebhookAppId)}"] ?? "shipping");
            services.AddSingleton<SimulatorWebhooks>();
            services.AddSingleton<CarrierSimulator>();
        }

        services.AddWebhookSecret(sp => sp.GetRequiredService<IOptions<ShippingOptions>>().Value.WebhookSecretName);
        services.AddScoped<ShipmentMoves>();
        services.AddScoped<LabelPurchase>();
        services.AddScoped<ShipmentRequests>();
        services.AddScoped<ShipmentCancellation>();
        services.AddScoped<WebhookProcessor>();
        services.AddSingleton<DispatchSweep>();
        return builder;
    }

    public static WebApplication MapShippingApis(this WebApplication app)
    {
        app.MapShipmentsApi();
        app.MapRatesApi();
        app.MapInternalShipmentsApi();
        app.MapWebhooksApi();
        app.MapDispatchSweepApi();
        if (app.Services.GetService<CarrierSimulator>() is not null) app.MapCarrierSimulator();
        return app;
    }
}
