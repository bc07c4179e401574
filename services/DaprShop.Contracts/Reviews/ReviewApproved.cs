namespace DaprShop.Contracts.Reviews;

/// <summary>
/// A review became visible: an admin approved it, or it passed the automatic screening with auto-approval on.
/// Published once per approval (an edited review that is approved again publishes again, with its new content).
/// </summary>
public sealed record ReviewApproved(Guid ReviewId, Guid ProductId, Guid CustomerId, int Rating, string Title, DateTimeOffset ApprovedAt)
    : IntegrationEvent;
