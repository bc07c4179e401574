using System.Globalization;
using System.Text.Json;
using DaprShop.Identity.Apis;
using DaprShop.Identity.Apis.Requests;
using DaprShop.ServiceDefaults.Problems;
using DaprShop.ServiceDefaults.Sidecar;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DaprShop.Identity.RateLimits;

/// <summary>
/// Limits the requests that check a password or create an account, at identity itself (it is reachable on its own
/// port, not only behind the gateway): the token endpoint (password and refresh grants, the JSON login and refresh
/// rewritten onto it included) and sign-up, per client address and, where the request names one, per account
/// (tenant + email). Over a limit: 429 problem+json with <c>Retry-After</c>, before any password is hashed.
/// </summary>
internal sealed class SignInRateLimiting(RequestDelegate next, FixedWindowThrottle throttle, IOptions<SignInRateLimitOptions> options, IOptions<JsonOptions> json)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var attempt = HttpMethods.IsPost(http.Request.Method)
            ? http.Request.Path.Equals(IdentityRoutes.Token, StringComparison.OrdinalIgnoreCase) && http.Request.HasFormContentType
                ? ("token", await TokenAccountAsync(http))
                : http.Request.Path.Equals(IdentityRoutes.SignUp, StringComparison.OrdinalIgnoreCase)
                ? ("signup", await SignUpAccountAsync(http))
                : ((string, string?)?)null
            : null;

        if (attempt is var (kind, account))
        {
            var limits = options.Value;
            List<(string, int)> partitions = [($"{kind}:ip:{ClientAddress(http)}", limits.PerIp)];
            if (account is not null)
            {
                partitions.Add(($"{kind}:account:{account}", limits.PerAccount));
            }

            if (!throttle.TryAcquire(partitions, out var retryAfter))
            {
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    type: ProblemTypes.TooManyRequests,
                    title: "Too many attempts",
                    detail: "Too many sign-in or sign-up attempts from this address or for this account. Try again after the time in Retry-After.")
                    .ExecuteAsync(http);
                return;
            }
        }

        await next(http);
    }

    /// <summary>
    /// The client's address. A request that came through identity's own sidecar (it carries the app API token) from the
    /// gateway names the client in <c>X-Forwarded-For</c>; the rightmost entry is the one the gateway added (entries to
    /// its left are the client's own claims). Any other request is limited by its connection's address: a caller on
    /// identity's port cannot pick its partition by sending the header.
    /// </summary>
    private static string ClientAddress(HttpContext http)
    {
        var forwarded = http.Request.Headers["X-Forwarded-For"].ToString();
        return forwarded.Length > 0 && http.Request.IsFromDaprSidecar()
            ? forwarded.Split(',')[^1].Trim()
            : http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    // A password grant names its account; a refresh grant's account is inside the encrypted token: address only.
    private static async Task<string?> TokenAccountAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        return form[Parameters.GrantType] == GrantTypes.Password
            ? Account(form[ConnectApi.TenantIdParameter].ToString(), form[Parameters.Username].ToString())
            : null;
    }

    // Reads the JSON body without consuming it (the endpoint binds it next); a body that does not parse is limited
    // by address only, and the endpoint answers it 400.
    private async Task<string?> SignUpAccountAsync(HttpContext http)
    {
        http.Request.EnableBuffering();
        try
        {
            var request = await JsonSerializer.DeserializeAsync<SignUpRequest>(http.Request.Body, json.Value.SerializerOptions, http.RequestAborted);
            return request is null ? null : Account(request.TenantId.ToString(), request.Email);
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            http.Request.Body.Position = 0;
        }
    }

    private static string Account(string tenantId, string? email) =>
        $"{tenantId.Trim().ToUpperInvariant()}/{email?.Trim().ToUpperInvariant()}";
}
