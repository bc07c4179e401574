using System.Text.RegularExpressions;
using DaprShop.Notifications.Apis.Requests;
using DaprShop.Notifications.Data.Configurations;
using DaprShop.Notifications.Domain;
using FluentValidation;

namespace DaprShop.Notifications.Validation;

internal static partial class Formats
{
    /// <summary>E.164: a plus, a country code, up to 15 digits.</summary>
    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    public static partial Regex Phone();

    /// <summary>A plain mailbox: no display name, quotes, brackets, separators or line breaks (it goes into a header).</summary>
    [GeneratedRegex(@"^[^\s@<>""(),;:\\\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")]
    public static partial Regex Email();

    public static bool IsWebhookUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && string.IsNullOrEmpty(uri.UserInfo);

    /// <summary>No line breaks, quotes or angle brackets: a name that goes into the From header as is.</summary>
    public static bool IsHeaderSafe(string s) => s.AsSpan().IndexOfAny(NotInAHeader) < 0 && !s.Any(char.IsControl);

    static readonly System.Buffers.SearchValues<char> NotInAHeader = System.Buffers.SearchValues.Create("\r\n\"<>\\");
}

internal sealed class UpdatePreferencesRequestValidator : AbstractValidator<UpdatePreferencesRequest>
{
    public UpdatePreferencesRequestValidator()
    {
        RuleFor(r => r.Phone).Must(p => p!.Length == 0 || Formats.Phone().IsMatch(p))
            .When(r => r.Phone is not null).WithMessage("An E.164 number (+491701234567), or empty to remove it.");
        RuleFor(r => r.WebhookUrl).MaximumLength(Lengths.Url).Must(u => u!.Length == 0 || Formats.IsWebhookUrl(u))
            .When(r => r.WebhookUrl is not null).WithMessage("An absolute https URL without credentials, or empty to remove it.");
        RuleFor(r => r.Preferences).Must(p => p!.Count <= MessageKinds.All.Count * Channels.All.Count)
            .When(r => r.Preferences is not null).WithMessage("At most one entry per kind and channel.")
            .Must(p => p!.Where(c => c is not null).GroupBy(c => (c.Kind, c.Channel)).All(g => g.Count() == 1))
            .When(r => r.Preferences is not null).WithMessage("Each kind and channel at most once.");
        RuleForEach(r => r.Preferences).NotNull().ChildRules(c =>
        {
            c.RuleFor(x => x.Kind).Must(MessageKinds.IsKnown).WithMessage($"One of: {string.Join(", ", MessageKinds.All)}.");
            c.RuleFor(x => x.Channel).Must(Channels.IsKnown).WithMessage($"One of: {string.Join(", ", Channels.All)}.");
            c.RuleFor(x => x.Enabled).NotNull();
        });
    }
}

internal sealed class TemplateRequestValidator : AbstractValidator<TemplateRequest>
{
    public TemplateRequestValidator()
    {
        RuleFor(r => r.Body).NotEmpty().MaximumLength(Lengths.TemplateBody);
        RuleFor(r => r.Subject).MaximumLength(Lengths.Subject).Must(s => s is null || !s.Contains('\n', StringComparison.Ordinal) && !s.Contains('\r', StringComparison.Ordinal))
            .WithMessage("One line.");
    }
}

internal sealed class SenderRequestValidator : AbstractValidator<SenderRequest>
{
    public SenderRequestValidator()
    {
        RuleFor(r => r.FromAddress).NotEmpty().MaximumLength(Lengths.Email).Must(a => a is null || Formats.Email().IsMatch(a.Trim()))
            .WithMessage("A plain email address (shop@example.com).");
        RuleFor(r => r.FromName).MaximumLength(Lengths.FromName).Must(n => n is null || Formats.IsHeaderSafe(n))
            .WithMessage("No quotes, angle brackets, backslashes or line breaks.");
    }
}

internal sealed class MessageFilterValidator : AbstractValidator<MessageFilter>
{
    static readonly string[] Statuses = [MessageStatuses.Pending, MessageStatuses.Sent, MessageStatuses.Dead];

    public MessageFilterValidator()
    {
        RuleFor(f => f.Status).Must(s => s is null || Statuses.Contains(s)).WithMessage($"One of: {string.Join(", ", Statuses)}.");
        RuleFor(f => f.Kind).Must(k => k is null || MessageKinds.IsKnown(k)).WithMessage($"One of: {string.Join(", ", MessageKinds.All)}.");
    }
}
