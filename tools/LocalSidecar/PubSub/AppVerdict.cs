using System.Net;
using System.Text.Json;

namespace DaprShop.LocalSidecar.PubSub;

/// <summary>What the app's answer to one delivery means to daprd (subscription/postman/http).</summary>
internal enum AppVerdict { Success, Retry, Drop }

internal static class AppVerdicts
{
    /// <summary>
    /// 2xx: the body's <c>status</c> decides (empty or unparsable body = SUCCESS; unknown status = retry);
    /// 404: drop; any other status: retry. Returns the verdict and a short outcome for the call record.
    /// </summary>
    public static (AppVerdict Verdict, string Outcome) Classify(HttpStatusCode code, byte[] body)
    {
        var status = (int)code;
        if (status is >= 200 and <= 299)
        {
            var appStatus = ReadStatus(body);
            return appStatus switch
            {
                null or "" or "SUCCESS" => (AppVerdict.Success, "SUCCESS"),
                "RETRY" => (AppVerdict.Retry, "RETRY"),
                "DROP" => (AppVerdict.Drop, "DROP"),
                _ => (AppVerdict.Retry, $"RETRY: unknown status {appStatus}"),
            };
        }
        if (code == HttpStatusCode.NotFound) return (AppVerdict.Drop, "DROP: http 404");
        return (AppVerdict.Retry, $"RETRY: http {status}");
    }

    static string? ReadStatus(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return null;
            foreach (var p in doc.RootElement.EnumerateObject())
                if (string.Equals(p.Name, "status", StringComparison.OrdinalIgnoreCase))
                    // Go fails to decode a non-string status and then treats the delivery as a success.
                    return p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
            return null;
        }
        catch (JsonException) { return null; }
    }
}
