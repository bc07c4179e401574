using Dapr.Workflow;
using DaprShop.Contracts;
using DaprShop.Contracts.Ordering;
using DaprShop.Contracts.Payment;
using DaprShop.Contracts.Shipping;
using DaprShop.Ordering.Apis;
using DaprShop.Ordering.Data;
using DaprShop.Ordering.Downstream;
using DaprShop.Ordering.IntegrationEvents;
using DaprShop.Ordering.Placement;
using DaprShop.Ordering.Saga;
using DaprShop.Ordering.Saga.Activities;
using DaprShop.ServiceDefaults.Correlation;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Health;
using DaprShop.ServiceDefaults.Tenancy;
using FluentValidation;

namespace DaprShop.Ordering.Extensions;

internal static class Extensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddTenantDbContext<OrderingDb>(
            builder.Configuration.GetConnectionString("ordering") ?? throw new InvalidOperationException("ConnectionStrings:ordering is not configured"));
        services.AddDatabaseReadiness<OrderingDb>();
        services.AddIntegrationEvents<OrderingDb>();
        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);

        services.AddOptions<OrderingOptions>()
            .Bind(builder.Configuration.GetSection(OrderingOptions.Section))
            .Validate(o => o.PlacementsPerMinute > 0 && o.DuplicateWindowSeconds >= 0 && o.PaymentResultTimeoutSeconds > 0,
                "Ordering: PlacementsPerMinute and PaymentResultTimeoutSeconds must be positive, DuplicateWindowSeconds not negative")
            .Validate(o => o.SagaRetries.IsValid,
                "Ordering:SagaRetries: attempts at least 1, first intervals positive, maximum intervals not below the first")
            .ValidateOnStart();

        foreach (var appId in AppIds.All) services.AddDaprInvocationClient(appId);
        services.AddSingleton<ServiceInvoker>();
        services.AddSingleton<CartReader>();
        services.AddScoped<OrderCommands>();
        services.AddScoped<OrderPlacement>();
        services.AddScoped<PaymentResultRaiser>();
        services.AddScoped<ShipmentProgress>();
        services.AddSingleton<SagaStarter>();

        services.AddDaprWorkflow(o =>
        {
            o.RegisterWorkflow<OrderSaga>();
            o.RegisterWorkflow<OrderCancellation>();
            o.RegisterActivity<BeginSagaActivity>();
            o.RegisterActivity<ValidateBuyerActivity>();
            o.RegisterActivity<PriceLinesActivity>();
            o.RegisterActivity<ReserveStockActivity>();
            o.RegisterActivity<ReleaseStockActivity>();
            o.RegisterActivity<AuthorizePaymentActivity>();
            o.RegisterActivity<CapturePaymentActivity>();
            o.RegisterActivity<VoidPaymentActivity>();
            o.RegisterActivity<SettlePaymentActivity>();
            o.RegisterActivity<ConfirmOrderActivity>();
            o.RegisterActivity<FailOrderActivity>();
            o.RegisterActivity<CancelOrderActivity>();
            o.RegisterActivity<FlagAttentionActivity>();
            o.RegisterActivity<ProcessOrderActivity>();
            o.RegisterActivity<RequestShipmentActivity>();
            o.RegisterActivity<CancelShipmentActivity>();
        });

        return builder;
    }

    public static WebApplication MapOrderingApis(this WebApplication app)
    {
        app.MapOrdersApi();

        app.MapIntegrationEvent<OrderCreated, StartSagaOnOrderCreated>(Topics.OrderEvents);
        app.MapIntegrationEvent<OrderCancelled, StartCancellationOnOrderCancelled>(Topics.OrderEvents);
        app.MapIntegrationEvent<PaymentSucceeded, RaiseOnPaymentSucceeded>(Topics.PaymentEvents);
        app.MapIntegrationEvent<PaymentFailed, RaiseOnPaymentFailed>(Topics.PaymentEvents);
        app.MapIntegrationEvent<ShipmentDispatched, ShipOnShipmentDispatched>(Topics.ShippingEvents);
        app.MapIntegrationEvent<ShipmentDelivered, DeliverOnShipmentDelivered>(Topics.ShippingEvents);
        return app;
    }
}
