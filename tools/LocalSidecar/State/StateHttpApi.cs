using System.Text;
using System.Text.Json;
using DaprShop.LocalSidecar.Cluster;

namespace DaprShop.LocalSidecar.State;

/// <summary>The HTTP state API (<c>/v1.0/state/{store}</c>) for curl users; the SDK uses gRPC.</summary>
internal static class StateHttpApi
{
    public static void Map(WebApplication web, AppSidecar sidecar)
    {
        var access = new StateAccess(sidecar);

        web.MapGet("/v1.0/state/{store}/{key}", (string store, string key) => Guarded(() =>
        {
            var e = access.Get(store, key);
            if (e is null) return Results.NoContent();
            return Results.Bytes(e.Value, "application/json", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{e.Etag}\""));
        }));

        web.MapPost("/v1.0/state/{store}", async (string store, HttpRequest request) =>
        {
            using var doc = await JsonDocument.ParseAsync(request.Body);
            return Guarded(() =>
            {
                var items = doc.RootElement.EnumerateArray().ToList();
                var target = $"{store}/{string.Join(',', items.Select(i => i.GetProperty("key").GetString()))}";
                var (engine, keys) = access.Open("save", store, target);
                var writes = items.Select(i => new StateWrite(
                    keys.Prefixed(i.GetProperty("key").GetString()!), false,
                    Encoding.UTF8.GetBytes(i.GetProperty("value").GetRawText()),
                    i.TryGetProperty("etag", out var etag) ? etag.GetString() : null,
                    i.TryGetProperty("options", out var o) && o.TryGetProperty("concurrency", out var cc) && cc.GetString() == "first-write",
                    i.TryGetProperty("metadata", out var m)
                        ? StateAccess.Ttl(m.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString() ?? "")))
                        : null)).ToList();
                access.Write(engine, "save", target, writes);
                return Results.NoContent();
            });
        });

        web.MapDelete("/v1.0/state/{store}/{key}", (string store, string key, HttpRequest request) => Guarded(() =>
        {
            var (engine, keys) = access.Open("delete", store, $"{store}/{key}");
            var ifMatch = request.Headers.IfMatch.ToString().Trim('"');
            access.Write(engine, "delete", $"{store}/{key}",
                [new StateWrite(keys.Prefixed(key), true, null, ifMatch.Length > 0 ? ifMatch : null, false, null)]);
            return Results.NoContent();
        }));
    }

    static IResult Guarded(Func<IResult> call)
    {
        try { return call(); }
        catch (StateAccessException e) { return Results.Json(new { errorCode = e.ErrorCode, message = e.Message }, statusCode: e.HttpStatus); }
    }
}
