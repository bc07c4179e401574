using DaprShop.Notifications.Domain;

namespace DaprShop.Notifications.Apis;

public sealed record PreferenceView(string Kind, string Channel, bool Enabled, bool Locked);

public sealed record PreferencesResponse(string? Email, string? Phone, string? WebhookUrl, IReadOnlyList<PreferenceView> Preferences);

public sealed record DeliveryAttemptResponse(DateTimeOffset At, string Outcome, string? Error);

/// <summary>A message and, for one read alone, its body and delivery log.</summary>
public sealed record MessageResponse(
    Guid Id, Guid EventId, Guid UserId, string Kind, string Channel, string Recipient, string? Subject, string Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset? DeadAt, DateTimeOffset? NextAttemptAt, string? LastError,
    string? Body = null, IReadOnlyList<DeliveryAttemptResponse>? Log = null);

public sealed record TemplateResponse(string Kind, string Channel, string? Subject, string Body, bool Custom, DateTimeOffset? UpdatedAt);

public sealed record SenderResponse(string FromAddress, string FromName, bool Custom);

internal static class ResponseMapping
{
    public static MessageResponse ToResponse(this Message m, IReadOnlyList<DeliveryAttempt>? log = null) => new(
        m.Id, m.EventId, m.UserId, m.Kind, m.Channel, m.Recipient, m.Subject, m.Status, m.Attempts, m.CreatedAt, m.SentAt, m.DeadAt,
        m.Status == MessageStatuses.Pending ? m.NextAttemptAt : null, m.LastError,
        log is null ? null : m.Body,
        log?.Select(a => new DeliveryAttemptResponse(a.At, a.Outcome, a.Error)).ToList());
}
