using DaprShop.Contracts;
using DaprShop.Contracts.Ordering;
using DaprShop.Contracts.Payment;
using DaprShop.Contracts.Users;
using DaprShop.Notifications.Apis;
using DaprShop.Notifications.Data;
using DaprShop.Notifications.Delivery;
using DaprShop.Notifications.IntegrationEvents;
using DaprShop.Notifications.Templates;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Health;
using DaprShop.ServiceDefaults.Tenancy;
using FluentValidation;

namespace DaprShop.Notifications.Extensions;

internal static class Extensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddTenantDbContext<NotificationsDb>(
            builder.Configuration.GetConnectionString("notifications") ?? throw new InvalidOperationException("ConnectionStrings:notifications is not configured"));
        services.AddDatabaseReadiness<NotificationsDb>();
        // Consumes events only: no outbox relay (the model keeps the kit's tables for when it publishes).
        services.AddIntegrationEventHandling<NotificationsDb>();
        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);

        services.AddOptions<NotificationsOptions>()
            .Bind(builder.Configuration.GetSection(NotificationsOptions.Section))
            .Validate(o => o.MaxAttempts > 0 && o.RetryFirstSeconds > 0 && o.RetryMaxSeconds >= o.RetryFirstSeconds && o.SweepBatch > 0 &&
                           o.WaitForPrerequisitesSeconds > 0 && !string.IsNullOrWhiteSpace(o.DefaultFromAddress) &&
                           !string.IsNullOrWhiteSpace(o.EmailBinding) && !string.IsNullOrWhiteSpace(o.SmsBinding) && !string.IsNullOrWhiteSpace(o.WebhookBinding),
                "Notifications: settings are invalid")
            .ValidateOnStart();

        services.AddSingleton<TemplateRenderer>();
        services.AddSingleton<MessageSender>();
        services.AddSingleton<DeliverySweep>();
        services.AddSingleton<PrerequisiteWait>();
        services.AddScoped<MessageComposer>();
        services.AddScoped<EventContext>();
        return builder;
    }

    public static WebApplication MapNotificationsApis(this WebApplication app)
    {
        app.MapMessagesApi();
        app.MapPreferencesApi();
        app.MapTemplatesApi();
        app.MapSenderApi();
        app.MapDeliverySweepApi();

        app.MapIntegrationEvent<UserRegistered, WelcomeOnUserRegistered>(Topics.UserEvents);
        app.MapIntegrationEvent<OrderCreated, RememberOrderOnOrderCreated>(Topics.OrderEvents);
        app.MapIntegrationEvent<OrderConfirmed, NotifyOnOrderConfirmed>(Topics.OrderEvents);
        app.MapIntegrationEvent<OrderShipped, NotifyOnOrderShipped>(Topics.OrderEvents);
        app.MapIntegrationEvent<OrderDelivered, NotifyOnOrderDelivered>(Topics.OrderEvents);
        app.MapIntegrationEvent<PaymentFailed, NotifyOnPaymentFailed>(Topics.PaymentEvents);
        app.MapIntegrationEvent<PaymentRefunded, NotifyOnPaymentRefunded>(Topics.PaymentEvents);
        return app;
    }
}
