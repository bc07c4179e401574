using DaprShop.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.ServiceDefaults.Webhooks;

/// <summary>What a service made of a verified webhook.</summary>
public enum WebhookOutcome
{
    Applied,
    Ignored,
    Replayed,
    Unreadable,
}

/// <summary>
/// Receiving a provider's signed webhook (payment's card provider, shipping's carrier): the exact body, its signature
/// and timestamp checked before anything reads it. A missing or wrong signature is 401, a stale one or a replayed event
/// id 400, and nothing changes; without the secret nothing can be verified, so 503 (the sender retries), never accept.
/// </summary>
public static class SignedWebhooks
{
    public static async Task<Results<NoContent, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, string signatureHeader, IWebhookSecret secret, TimeProvider clock, TimeSpan tolerance,
        Func<byte[], CancellationToken, Task<WebhookOutcome>> process, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(process);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
        var body = buffer.ToArray();

        byte[] key;
        try
        {
            key = await secret.GetAsync(ct).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, type: ProblemTypes.ServiceUnavailable,
                title: "Webhook secret unavailable");
        }

        var check = WebhookSignature.Verify(request.Headers[signatureHeader].ToString(), body, key, clock.GetUtcNow(), tolerance);
        switch (check)
        {
            case SignatureCheck.Missing or SignatureCheck.Malformed or SignatureCheck.Mismatch:
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, type: ProblemTypes.WebhookSignature,
                    title: "Webhook signature invalid", detail: $"The {signatureHeader} header is {check.ToString().ToLowerInvariant()}.");
            case SignatureCheck.Stale:
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.WebhookStale,
                    title: "Webhook too old", detail: $"The signed timestamp is more than {tolerance.TotalSeconds:0} s away from now.");
        }

        return await process(body, ct).ConfigureAwait(false) switch
        {
            WebhookOutcome.Replayed => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.WebhookReplayed,
                title: "Webhook already received", detail: "This event id was processed before."),
            WebhookOutcome.Unreadable => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.BadRequest,
                title: "Webhook unreadable"),
            _ => TypedResults.NoContent(),
        };
    }
}
