using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DaprShop.ServiceDefaults.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> of a request and its fingerprint (docs/api-conventions.md, "Idempotency-Key"). Parsing and
/// fingerprinting are shared; where the key and its answer are kept is each service's own business, since the answer
/// must be stored in the same transaction as the effect.
/// </summary>
public sealed record IdempotencyKey(string Value, string Scope, string Fingerprint)
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 128;

    /// <summary>How long a key and its answer are kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>
    /// A stable id for storing the key: SHA-256 of the route (method and template: a key is scoped to the route) and the
    /// key, so a stored key never echoes a client's string into a storage key.
    /// </summary>
    public string StorageId => Hash($"{Scope}\n{Value}");

    /// <summary>The key an endpoint with <see cref="IdempotencyKeyExtensions.RequireIdempotencyKey{TBuilder}"/> was given.</summary>
    public static IdempotencyKey Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items[typeof(IdempotencyKey)] as IdempotencyKey
            ?? throw new InvalidOperationException("the endpoint does not require an Idempotency-Key (RequireIdempotencyKey)");
    }

    /// <summary>
    /// Reads the header: exactly one value, 1 to <see cref="MaxLength"/> printable ASCII characters. Null with the
    /// validation errors (by the header's name) otherwise.
    /// </summary>
    public static string? Read(HttpRequest request, out string? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Headers[HeaderName];
        error = values.Count switch
        {
            0 => $"The {HeaderName} header is required on this request (a client-generated unique value, e.g. a UUID).",
            > 1 => $"Send one {HeaderName}.",
            _ when string.IsNullOrWhiteSpace(values[0]) => $"The {HeaderName} header must not be empty.",
            _ when values[0]!.Length > MaxLength => $"The {HeaderName} header is at most {MaxLength} characters.",
            _ when !values[0]!.All(c => c is >= '!' and <= '~') => $"The {HeaderName} header takes printable ASCII characters only.",
            _ => null,
        };
        return error is null ? values[0] : null;
    }

    /// <summary>
    /// SHA-256 (hex) of the method, the concrete path and the request body as the endpoint bound it, serialised again
    /// (so whitespace, property order and unknown members do not make two equal requests differ).
    /// </summary>
    public static string FingerprintOf(string method, string path, object? body)
    {
        var normalised = body is null ? "" : JsonSerializer.Serialize(body, body.GetType(), JsonSerializerOptions.Web);
        return Hash($"{method.ToUpperInvariant()}\n{path}\n{normalised}");
    }

    static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

public static class IdempotencyKeyExtensions
{
    /// <summary>
    /// Requires an <c>Idempotency-Key</c> (400 validation problem naming it otherwise) and makes it, scoped to the route
    /// and fingerprinted with the endpoint's <typeparamref name="TBody"/> argument, available through
    /// <see cref="IdempotencyKey.Of"/>. Put it after <c>WithValidation</c>, so a refused body is refused first.
    /// </summary>
    public static RouteHandlerBuilder RequireIdempotencyKey<TBody>(this RouteHandlerBuilder builder) where TBody : class =>
        builder.AddEndpointFilter(async (ctx, next) =>
        {
            var http = ctx.HttpContext;
            if (IdempotencyKey.Read(http.Request, out var error) is not { } value)
                return MissingKey(error!);
            var body = ctx.Arguments.OfType<TBody>().FirstOrDefault();
            var template = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
            var method = http.Request.Method;
            http.Items[typeof(IdempotencyKey)] = new IdempotencyKey(value, $"{method} {template}",
                IdempotencyKey.FingerprintOf(method, http.Request.Path.Value ?? "", body));
            return await next(ctx);
        }).WithMetadata(new IdempotencyKeyMetadata());

    /// <summary>The same for an endpoint without a body (the path alone is the request).</summary>
    public static RouteHandlerBuilder RequireIdempotencyKey(this RouteHandlerBuilder builder) => builder.RequireIdempotencyKey<NoBody>();

    static ValidationProblem MissingKey(string error) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [IdempotencyKey.HeaderName] = [error] });

    /// <summary>Marks an endpoint for OpenAPI and for readers: it takes an Idempotency-Key.</summary>
    public sealed class IdempotencyKeyMetadata;

    /// <summary>Stands for "no body" in <see cref="RequireIdempotencyKey"/>.</summary>
    public sealed class NoBody;
}
