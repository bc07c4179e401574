using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace DaprShop.ServiceDefaults.Correlation;

/// <summary>
/// The <c>X-Correlation-ID</c> header: taken from the request when it is well-formed, otherwise created;
/// echoed on the response, kept as Activity baggage so it follows the trace into outgoing calls.
/// </summary>
public static partial class CorrelationId
{
    public const string HeaderName = "X-Correlation-ID";
    const string BaggageKey = "correlation.id";
    const string ItemKey = "DaprShop.CorrelationId";

    /// <summary>The id for this request, or null outside a request.</summary>
    public static string? Of(HttpContext? context) => context?.Items[ItemKey] as string;

    /// <summary>The id carried by the current trace (event handlers, background work), if any.</summary>
    public static string? FromActivity() => Activity.Current?.GetBaggageItem(BaggageKey);

    internal static string Establish(HttpContext context)
    {
        var given = context.Request.Headers[HeaderName].ToString();
        // A caller-supplied id ends up in logs and headers: accept only a bounded, plain token.
        var id = given.Length is > 0 and <= 128 && Safe().IsMatch(given) ? given : Guid.CreateVersion7().ToString("N");
        context.Items[ItemKey] = id;
        Activity.Current?.SetBaggage(BaggageKey, id);
        Activity.Current?.SetTag("correlation.id", id);
        context.Response.Headers[HeaderName] = id;
        return id;
    }

    /// <summary>
    /// Makes <paramref name="id"/> (an event's correlation id) this request's own, so the handler's logs, outgoing calls
    /// and the events it stages carry the id of the request that started the chain. An unsafe id is ignored.
    /// </summary>
    public static void Adopt(HttpContext context, string? id)
    {
        if (id is not { Length: > 0 and <= 128 } || !Safe().IsMatch(id)) return;
        context.Items[ItemKey] = id;
        Activity.Current?.SetBaggage(BaggageKey, id);
        Activity.Current?.SetTag("correlation.id", id);
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]+$")]
    private static partial Regex Safe();
}
