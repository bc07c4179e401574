namespace DaprShop.ServiceDefaults.Correlation;

/// <summary>The correlation id of the work in progress: the request's, or the event's being handled.</summary>
public interface ICorrelationContext
{
    string CorrelationId { get; }
}
