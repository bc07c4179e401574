namespace DaprShop.ServiceDefaults.Correlation;

/// <summary>Adds the current correlation id to outgoing HTTP calls (service invocation through Dapr among them).</summary>
public sealed class CorrelationIdHandler(ICorrelationContext correlation) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Headers.Contains(CorrelationId.HeaderName))
            request.Headers.TryAddWithoutValidation(CorrelationId.HeaderName, correlation.CorrelationId);
        return base.SendAsync(request, cancellationToken);
    }
}
