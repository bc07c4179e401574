namespace DaprShop.Identity.Apis;

/// <summary>Stable problem type URIs of identity's own error kinds (RFC 9457 "type").</summary>
internal static class IdentityProblems
{
    private const string Base = "https://daprshop.dev/problems/";
    public const string AccountLocked = Base + "account-locked";
    public const string SignUpDisabled = Base + "sign-up-disabled";
    public const string EmailTaken = Base + "email-taken";
    public const string TenantNameTaken = Base + "tenant-name-taken";
    public const string PasswordRejected = Base + "password-rejected";
    public const string InvalidCredentials = Base + "invalid-credentials";
}
