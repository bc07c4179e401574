using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Correlation;
using DaprShop.ServiceDefaults.Health;
using DaprShop.ServiceDefaults.OpenApi;
using DaprShop.ServiceDefaults.Problems;
using DaprShop.ServiceDefaults.Telemetry;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DaprShop.ServiceDefaults;

/// <summary>
/// What every DaprShop service shares, so each <c>Program.cs</c> reads as a table of contents:
/// telemetry and logs, problem+json, correlation ids, health, OpenAPI, Dapr, authentication, tenancy, validation
/// and paging. A service with a database adds <c>DaprShop.ServiceDefaults.Data</c> (EF Core, migrations, outbox, events).
/// </summary>
public static class ServiceDefaultsExtensions
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddDaprShopTelemetry();
        builder.Services.AddDaprShopProblemDetails();
        builder.Services.AddCorrelationId();
        builder.Services.AddDaprClient();
        builder.Services.AddDaprShopHealthChecks();
        builder.Services.AddDaprShopOpenApi(builder.Environment.ApplicationName);
        builder.AddDaprShopAuthentication();
        builder.Services.AddTenancy();
        builder.Services.AddSingleton<FluentValidation.IValidator<Paging.PageRequest>, Paging.PageRequestValidator>();
        builder.Services.AddSingleton<Caching.TenantStateCache>();
        return builder;
    }

    /// <summary>
    /// The request pipeline every service shares; call right after <c>Build()</c>. <paramref name="beforeAuthentication"/>
    /// is for the rare middleware that must see requests after correlation but before authentication (e.g. identity's
    /// JSON routes, rewritten onto OpenIddict's endpoints).
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app, Action<WebApplication>? beforeAuthentication = null)
    {
        app.UseDaprShopExceptionHandling();
        app.UseCorrelationId();
        app.UseNulGuard();
        beforeAuthentication?.Invoke(app);
        app.UseAuthentication();
        app.UseTenantResolution();
        app.UseAuthorization();
        app.UseCloudEvents();
        return app;
    }

    /// <summary>/healthz (liveness), /readyz (database + sidecar), /metrics (Prometheus), /swagger.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapDaprShopHealthEndpoints();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapDaprShopOpenApi();
        app.MapSubscribeHandler();
        return app;
    }
}
