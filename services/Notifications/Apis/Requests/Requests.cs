namespace DaprShop.Notifications.Apis.Requests;

/// <summary>
/// A user's preferences: <c>phone</c> (E.164) and <c>webhookUrl</c> (https) set the addresses of the SMS and webhook
/// channels (omitted: unchanged; empty: removed), <c>preferences</c> turns kinds on or off per channel.
/// </summary>
public sealed record UpdatePreferencesRequest(string? Phone, string? WebhookUrl, IReadOnlyList<PreferenceChange>? Preferences);

public sealed record PreferenceChange(string? Kind, string? Channel, bool? Enabled);

/// <summary>A tenant's template for a kind and channel (Liquid): <c>subject</c> for email, <c>body</c> for all.</summary>
public sealed record TemplateRequest(string? Subject, string? Body);

/// <summary>Who the tenant's mails come from.</summary>
public sealed record SenderRequest(string? FromAddress, string? FromName);

/// <summary>The staff list of messages: filter by user and status.</summary>
public sealed record MessageFilter(Guid? UserId, string? Status, string? Kind);
