namespace DaprShop.Shipping.Carriers;

/// <summary>
/// A parcel carrier (DHL, UPS, … or the built-in <see cref="Simulator.CarrierSimulator"/>). Label purchase carries an
/// idempotency key: the same key answers the first label again and never buys a second, also when the first call's
/// answer was lost. An outage throws <see cref="CarrierUnavailableException"/>. Tracking updates arrive later as
/// signed webhooks; <see cref="TrackAsync"/> asks for the current state (for updates that never came).
/// </summary>
internal interface ICarrier
{
    /// <summary>The carrier's name as stored on the shipment.</summary>
    string Name { get; }

    /// <summary>Prices per service level for a parcel of <paramref name="items"/> items.</summary>
    Task<IReadOnlyList<RateQuote>> QuoteAsync(int items, CancellationToken ct);

    /// <summary>Buys the label: a tracking number, and the parcel is expected for pick-up.</summary>
    Task<Label> PurchaseLabelAsync(LabelRequest request, string idempotencyKey, CancellationToken ct);

    /// <summary>Voids a label not yet picked up; false if the carrier has the parcel already.</summary>
    Task<bool> VoidLabelAsync(string labelId, CancellationToken ct);

    /// <summary>The carrier's current status of a parcel (a carrier status code), or null if it does not know the number.</summary>
    Task<TrackingState?> TrackAsync(string trackingNumber, CancellationToken ct);

    /// <summary>Where customers follow the parcel.</summary>
    string TrackingUrl(string trackingNumber);
}

internal sealed record RateQuote(string ServiceLevel, decimal Amount, string Currency, int EstimatedDays);

/// <param name="Metadata">Echoed on every webhook about this parcel (tenant and shipment, so shipping finds its row).</param>
internal sealed record LabelRequest(string ServiceLevel, int Items, IReadOnlyDictionary<string, string> Metadata);

internal sealed record Label(string LabelId, string TrackingNumber, string ServiceLevel, decimal Amount, string Currency);

internal sealed record TrackingState(string Status, string? Detail, DateTimeOffset At);

/// <summary>The carrier could not be reached or failed; the call may or may not have taken effect. Retry with the same key.</summary>
internal sealed class CarrierUnavailableException(string message) : Exception(message);

/// <summary>The same idempotency key was sent with other parameters: a bug of the caller, never a retry.</summary>
internal sealed class CarrierIdempotencyConflictException(string key) : Exception($"Idempotency key '{key}' was used with other parameters.");
