using Dapr.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DaprShop.ServiceDefaults.Correlation;

public static class CorrelationExtensions
{
    internal static void AddCorrelationId(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICorrelationContext, CorrelationContext>();
        services.AddTransient<CorrelationIdHandler>();
    }

    internal static void UseCorrelationId(this WebApplication app) => app.UseMiddleware<CorrelationIdMiddleware>();

    /// <summary>
    /// A named HttpClient (<paramref name="appId"/>) whose requests go through the Dapr sidecar to that app
    /// (<c>http://{appId}/path</c>), carrying the correlation id — the SDK's invoke client plus our handler.
    /// </summary>
    public static IHttpClientBuilder AddDaprInvocationClient(this IServiceCollection services, string appId) =>
        services.AddHttpClient(appId, (sp, client) => client.BaseAddress = new Uri($"http://{appId}"))
            .AddHttpMessageHandler<CorrelationIdHandler>()
            .AddHttpMessageHandler(sp => new InvocationHandler
            {
                DaprEndpoint = Dapr.DaprDefaults.GetDefaultHttpEndpoint(sp.GetService<IConfiguration>()),
            });
}
