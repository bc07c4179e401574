using System.Text.Json;
using DaprShop.Identity.Apis.Requests;
using DaprShop.Identity.Seeding;
using DaprShop.ServiceDefaults.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DaprShop.Identity.Apis;

/// <summary>
/// Keeps the seed API's JSON routes (<c>/api/v1/auth/login|refresh|logout</c>) on the same machinery as the OAuth
/// endpoints: the JSON body is validated, rewritten into the equivalent form request (with the first-party client id)
/// and the path moved onto <c>/connect/token</c> or <c>/connect/revoke</c>, before authentication, where OpenIddict
/// recognises its endpoints. Routing has already chosen the JSON route's endpoint (implicit routing runs first), so
/// OpenAPI documents the JSON shapes and the login/refresh endpoints run the same exchange as <c>/connect/token</c>.
/// Nothing about tokens is implemented twice.
/// </summary>
internal sealed class JsonAuthRoutes(RequestDelegate next, IOptions<JsonOptions> json)
{
    private const string PublicPathKey = "daprshop.json-auth-route";

    public static bool IsJsonRoute(HttpContext http) => http.Items.ContainsKey(PublicPathKey);

    /// <summary>The path the client called, for a request rewritten onto <c>/connect/*</c> (a problem's <c>instance</c>).</summary>
    public static string? PublicPathOf(HttpContext http) => http.Items.TryGetValue(PublicPathKey, out var path) ? path as string : null;

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            await next(http);
            return;
        }

        var path = http.Request.Path;
        var rewritten = path.Equals(IdentityRoutes.Login, StringComparison.OrdinalIgnoreCase)
            ? await RewriteAsync<LoginRequest>(http, IdentityRoutes.Token, r => new()
            {
                [Parameters.GrantType] = GrantTypes.Password,
                [Parameters.Username] = r.Email,
                [Parameters.Password] = r.Password,
                [ConnectApi.TenantIdParameter] = r.TenantId.ToString(),
                [Parameters.Scope] = Scopes.OfflineAccess,
            })
            : path.Equals(IdentityRoutes.Refresh, StringComparison.OrdinalIgnoreCase)
            ? await RewriteAsync<RefreshTokenRequest>(http, IdentityRoutes.Token, r => new()
            {
                [Parameters.GrantType] = GrantTypes.RefreshToken,
                [Parameters.RefreshToken] = r.RefreshToken,
            })
            : path.Equals(IdentityRoutes.Logout, StringComparison.OrdinalIgnoreCase)
            ? await RewriteAsync<RefreshTokenRequest>(http, IdentityRoutes.Revocation, r => new()
            {
                [Parameters.Token] = r.RefreshToken,
                [Parameters.TokenTypeHint] = TokenTypeHints.RefreshToken,
            })
            : (bool?)null;

        // false: the request was answered here (400); null: not a JSON auth route.
        if (rewritten is null)
        {
            await next(http);
        }
        else if (rewritten is true)
        {
            await RunWithProblemErrorsAsync(http);
        }
    }

    /// <summary>
    /// OpenIddict answers errors in OAuth's format (<c>{"error":"invalid_grant"}</c>); the JSON routes are DaprShop API,
    /// so their errors are problem+json like every other: a refused grant is a 401, a malformed request a 400, and the
    /// OAuth error code travels along as <c>error</c>. Successful answers pass through untouched.
    /// </summary>
    private async Task RunWithProblemErrorsAsync(HttpContext http)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        buffer.Position = 0;
        if (http.Response.StatusCode >= 400 && http.Response.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true
            && TryReadOAuthError(buffer, out var error, out var description))
        {
            var status = error is Errors.InvalidGrant or Errors.InvalidClient ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest;
            http.Response.StatusCode = status;
            http.Response.ContentLength = null;
            var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = status,
                Title = status == StatusCodes.Status401Unauthorized ? "The credentials or token were not accepted." : "The request was not valid.",
                Detail = description,
                Extensions = { ["error"] = error },
            };
            await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
            return;
        }
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    private static bool TryReadOAuthError(MemoryStream body, out string error, out string? description)
    {
        error = "";
        description = null;
        try
        {
            using var doc = JsonDocument.Parse(body.ToArray());
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("error", out var e) || e.ValueKind != JsonValueKind.String)
                return false;
            error = e.GetString()!;
            description = doc.RootElement.TryGetProperty("error_description", out var d) ? d.GetString() : null;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            body.Position = 0;
        }
    }

    private async Task<bool> RewriteAsync<T>(HttpContext http, string target, Func<T, Dictionary<string, string>> toForm) where T : class
    {
        T? request;
        try
        {
            request = http.Request.HasJsonContentType()
                ? await JsonSerializer.DeserializeAsync<T>(http.Request.Body, json.Value.SerializerOptions, http.RequestAborted)
                : null;
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            await TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Malformed request",
                detail: "The body must be a JSON object (Content-Type: application/json).").ExecuteAsync(http);
            return false;
        }

        if (NulCharacters.FindIn(request) is { Count: > 0 } withNul)
        {
            await ValidationExtensions.NulProblem(withNul).ExecuteAsync(http);
            return false;
        }

        var validation = await http.RequestServices.GetRequiredService<IValidator<T>>().ValidateAsync(request, http.RequestAborted);
        if (!validation.IsValid)
        {
            await validation.ToValidationProblem().ExecuteAsync(http);
            return false;
        }

        var form = toForm(request);
        form[Parameters.ClientId] = IdentitySeeder.PublicClientId;
        var body = await new FormUrlEncodedContent(form).ReadAsByteArrayAsync(http.RequestAborted);

        http.Items[PublicPathKey] = http.Request.Path.Value;
        http.Request.Path = target;
        // OpenIddict accepts only form bodies on these endpoints (ID2082 otherwise).
        http.Request.ContentType = "application/x-www-form-urlencoded";
        http.Request.ContentLength = body.Length;
        http.Request.Body = new MemoryStream(body);
        return true;
    }
}
