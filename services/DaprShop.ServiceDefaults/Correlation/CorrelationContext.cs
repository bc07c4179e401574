using Microsoft.AspNetCore.Http;

namespace DaprShop.ServiceDefaults.Correlation;

internal sealed class CorrelationContext(IHttpContextAccessor http) : ICorrelationContext
{
    string? _fallback;

    public string CorrelationId =>
        Correlation.CorrelationId.Of(http.HttpContext)
        ?? Correlation.CorrelationId.FromActivity()
        ?? (_fallback ??= Guid.CreateVersion7().ToString("N"));
}
