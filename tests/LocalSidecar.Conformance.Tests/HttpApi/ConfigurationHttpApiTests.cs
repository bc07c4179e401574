using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using DaprShop.LocalSidecar.Tests.Support;
using static DaprShop.LocalSidecar.Tests.HttpApi.SidecarHttp;

namespace DaprShop.LocalSidecar.Tests.HttpApi;

/// <summary>
/// The configuration API over raw HTTP: get (v1.0 and v1.0-alpha1), and subscribe/unsubscribe, where daprd
/// POSTs each change to the app at <c>/configuration/{store}/{key}</c>.
/// </summary>
public sealed class ConfigurationHttpApiTests
{
    [Theory]
    [InlineData("v1.0")]
    [InlineData("v1.0-alpha1")]
    public async Task Get_answers_the_requested_items_and_204_when_none_match(string version)
    {
        await using var s = await RawSidecar.StartAsync("gateway");
        s.Cluster.ConfigurationStores["configstore"].Set("features:checkout-v2", "on");
        s.Cluster.ConfigurationStores["configstore"].Set("features:reviews", "off");

        var one = await JsonAsync(await s.Http.GetAsync($"/{version}/configuration/configstore?key=features:checkout-v2", Ct));
        var all = await JsonAsync(await s.Http.GetAsync($"/{version}/configuration/configstore", Ct));
        using var none = await s.Http.GetAsync($"/{version}/configuration/configstore?key=nothing", Ct);

        Assert.Equal(["features:checkout-v2"], one.EnumerateObject().Select(p => p.Name));
        Assert.Equal("on", one.GetProperty("features:checkout-v2").GetProperty("value").GetString());
        Assert.True(one.GetProperty("features:checkout-v2").TryGetProperty("version", out _));
        Assert.Equal(2, all.EnumerateObject().Count());
        Assert.Equal(HttpStatusCode.NoContent, none.StatusCode);
    }

    [Fact]
    public async Task A_subscription_delivers_each_change_to_the_app_until_unsubscribed()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var delivered = new ConcurrentQueue<(string Path, JsonElement Body)>();
        await using var app = await SampleApp.StartAsync(cluster, "gateway", endpoints: web =>
            web.MapPost("/configuration/{store}/{key}", async (HttpRequest r) =>
            {
                using var doc = await JsonDocument.ParseAsync(r.Body);
                delivered.Enqueue((r.Path.Value!, doc.RootElement.Clone()));
                return Results.Ok();
            }));
        using var http = For(app.Sidecar);
        var store = cluster.ConfigurationStores["configstore"];

        var subscription = await JsonAsync(await http.GetAsync("/v1.0/configuration/configstore/subscribe?key=features:checkout-v2", Ct));
        var id = subscription.GetProperty("id").GetString()!;
        store.Set("features:reviews", "on"); // not subscribed
        store.Set("features:checkout-v2", "on");
        await Eventually.TrueAsync(() => delivered.Count == 1, "the change reached the app");
        var unsubscribed = await JsonAsync(await http.GetAsync($"/v1.0/configuration/configstore/{id}/unsubscribe", Ct));
        store.Set("features:checkout-v2", "off");
        var again = await ErrorBodyAsync(await http.GetAsync($"/v1.0/configuration/configstore/{id}/unsubscribe", Ct));

        var (path, body) = delivered.Single();
        Assert.Equal("/configuration/configstore/features:checkout-v2", path);
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal("on", body.GetProperty("items").GetProperty("features:checkout-v2").GetProperty("value").GetString());
        Assert.Equal("""{"ok":true}""", unsubscribed.GetRawText());
        Assert.Equal((HttpStatusCode.InternalServerError, $"failed to unsubscribe to configuration request {id}: subscription with id {id} does not exist"), again);
        await Eventually.NeverAsync(() => delivered.Count > 1, TimeSpan.FromMilliseconds(200), "a change after unsubscribing was delivered");
    }

    [Fact]
    public async Task An_unknown_store_is_400_and_subscribing_without_an_app_is_500_ERR_APP_CHANNEL_NIL()
    {
        await using var s = await RawSidecar.StartAsync("gateway");

        var unknown = await ErrorAsync(await s.Http.GetAsync("/v1.0/configuration/nosuch", Ct));
        var unknownSubscribe = await ErrorAsync(await s.Http.GetAsync("/v1.0-alpha1/configuration/nosuch/subscribe", Ct));
        var noApp = await ErrorAsync(await s.Http.GetAsync("/v1.0/configuration/configstore/subscribe", Ct));

        Assert.Equal(new DaprError(HttpStatusCode.BadRequest, "ERR_CONFIGURATION_STORE_NOT_FOUND", "configuration store nosuch not found", null), unknown);
        Assert.Equal(unknown, unknownSubscribe);
        Assert.Equal((HttpStatusCode.InternalServerError, "ERR_APP_CHANNEL_NIL"), (noApp.Status, noApp.ErrorCode));
    }

    static async Task<(HttpStatusCode, string)> ErrorBodyAsync(HttpResponseMessage response) =>
        (response.StatusCode, (await JsonAsync(response)).GetProperty("message").GetString()!);
}
