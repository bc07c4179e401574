namespace DaprShop.Identity.Apis;

/// <summary>
/// Every route identity answers, in one table: the feature files (<c>*Api.cs</c>) map them, OpenIddict is configured
/// with its endpoints from here (Extensions.cs), and <see cref="JsonAuthRoutes"/> rewrites the JSON auth routes onto
/// the OAuth endpoints listed here.
/// </summary>
internal static class IdentityRoutes
{
    // OAuth 2.0 / OpenID endpoints. OpenIddict answers all but the token endpoint itself; the token endpoint passes
    // through to ConnectApi.ExchangeAsync, which decides who the user is.
    public const string Token = "/connect/token";                        // POST form: password and refresh_token grants
    public const string Revocation = "/connect/revoke";                  // POST form: ends the token's whole session
    public const string Introspection = "/connect/introspect";           // POST form: confidential clients only
    public const string Discovery = "/.well-known/openid-configuration"; // GET: URLs from the configured issuer
    public const string Jwks = "/.well-known/jwks";                      // GET: current and previous signing keys

    // JSON auth routes (AuthApi). Login, refresh and logout are rewritten before authentication (JsonAuthRoutes):
    public const string Login = "/api/v1/auth/login";                    // → Token, grant_type=password
    public const string Refresh = "/api/v1/auth/refresh";                // → Token, grant_type=refresh_token
    public const string Logout = "/api/v1/auth/logout";                  // → Revocation
    public const string Validate = "/api/v1/auth/validate";              // GET, live token
    public const string SignUp = "/api/v1/auth/signup";                  // POST, where the tenant allows it

    public const string Users = "/api/v1/users";                         // UsersApi: admin/staff, and /me/password
    public const string Tenants = "/api/v1/tenants";                     // TenantsApi: platform admin, tenant admin
    public const string TokenPruning = "/token-pruning";                 // POST by the Dapr cron binding only
}
