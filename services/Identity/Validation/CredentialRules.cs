using FluentValidation;

namespace DaprShop.Identity.Validation;

/// <summary>Rules shared by every request that carries an email or a password.</summary>
internal static class CredentialRules
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;   // bounds the PBKDF2 work an anonymous caller can ask for
    public const int MaxEmailLength = 256;

    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(MaxEmailLength).EmailAddress();

    public static IRuleBuilderOptions<T, string> ValidNewPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MinimumLength(MinPasswordLength).MaximumLength(MaxPasswordLength);

    /// <summary>A password being checked, not chosen: only bounded, so old passwords under a newer policy still sign in.</summary>
    public static IRuleBuilderOptions<T, string> PresentPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(MaxPasswordLength);
}
