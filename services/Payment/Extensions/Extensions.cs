using DaprShop.Payment.Apis;
using DaprShop.Payment.Data;
using DaprShop.Payment.Processing;
using DaprShop.Payment.Providers;
using DaprShop.Payment.Providers.Simulator;
using DaprShop.Payment.Webhooks;
using DaprShop.ServiceDefaults.Correlation;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Health;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.ServiceDefaults.Webhooks;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace DaprShop.Payment.Extensions;

internal static class Extensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddTenantDbContext<PaymentDb>(
            builder.Configuration.GetConnectionString("payment") ?? throw new InvalidOperationException("ConnectionStrings:payment is not configured"));
        services.AddDatabaseReadiness<PaymentDb>();
        services.AddIntegrationEvents<PaymentDb>();
        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);

        services.AddOptions<PaymentOptions>()
            .Bind(builder.Configuration.GetSection(PaymentOptions.Section))
            .Validate(o => o.WebhookToleranceSeconds > 0 && !string.IsNullOrWhiteSpace(o.WebhookSecretName), "Payment: webhook settings are invalid")
            .ValidateOnStart();
        services.AddOptions<SimulatorOptions>()
            .Bind(builder.Configuration.GetSection(SimulatorOptions.Section))
            .Validate(o => o.LatencyMilliseconds >= 0 && o.TransientFailureRate is >= 0 and <= 1 && o.DuplicateWebhookRate is >= 0 and <= 1 &&
                           o.PendingDelaySeconds >= 0 && o.WebhookMaxAttempts > 0, "PaymentSimulator: settings out of range")
            .ValidateOnStart();

        // The provider: the built-in simulator. A real provider is another IPaymentProvider registered here.
        var webhookApp = builder.Configuration[$"{SimulatorOptions.Section}:{nameof(SimulatorOptions.WebhookAppId)}"] ?? "payment";
        services.AddDaprInvocationClient(webhookApp);
        services.AddSingleton<SimulatorWebhooks>();
        services.AddSingleton<CardSimulator>();
        services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<CardSimulator>());

        services.AddWebhookSecret(sp => sp.GetRequiredService<IOptions<PaymentOptions>>().Value.WebhookSecretName);
        services.AddScoped<PaymentProcessor>();
        services.AddScoped<WebhookProcessor>();
        return builder;
    }

    public static WebApplication MapPaymentApis(this WebApplication app)
    {
        app.MapPaymentMethodsApi();
        app.MapPaymentsApi();
        app.MapInternalPaymentsApi();
        app.MapWebhooksApi();
        return app;
    }
}
