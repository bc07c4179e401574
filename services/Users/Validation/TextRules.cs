using DaprShop.Users.Domain;
using FluentValidation;

namespace DaprShop.Users.Validation;

/// <summary>Rules shared by the request validators.</summary>
internal static class TextRules
{
    public const int NameLength = 100;
    public const int LineLength = 200;

    /// <summary>Optional one-line text of bounded length (no control characters).</summary>
    public static IRuleBuilderOptions<T, string?> OptionalLine<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.MaximumLength(maxLength)
            .Must(ContactFormats.IsSingleLine).WithMessage("'{PropertyName}' must be a single line of text.");

    /// <summary>Required one-line text of bounded length; white space alone is empty.</summary>
    public static IRuleBuilderOptions<T, string?> RequiredLine<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.NotEmpty().OptionalLine(maxLength);

    public static IRuleBuilderOptions<T, string?> E164Phone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(p => p is null || ContactFormats.IsE164(p))
            .WithMessage("'{PropertyName}' must be an E.164 number: '+', the country code and the number, digits only (e.g. +14155552671).");
}
