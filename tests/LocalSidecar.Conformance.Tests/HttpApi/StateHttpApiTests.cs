using System.Net;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static DaprShop.LocalSidecar.Tests.HttpApi.SidecarHttp;

namespace DaprShop.LocalSidecar.Tests.HttpApi;

/// <summary>The v1.0 state API over raw HTTP (pkg/api/http/http.go), each route with its answers and errors.</summary>
public sealed class StateHttpApiTests
{
    [Fact]
    public async Task Get_answers_the_saved_JSON_with_an_unquoted_ETag_and_204_for_a_missing_key()
    {
        await using var s = await RawSidecar.StartAsync();
        var (cluster, http) = (s.Cluster, s.Http);
        (await http.SendAsync("POST", "/v1.0/state/statestore", """[{"key":"cart","value":{"items":2}}]""")).EnsureSuccessStatusCode();

        using var found = await http.GetAsync("/v1.0/state/statestore/cart", Ct);
        using var missing = await http.GetAsync("/v1.0/state/statestore/nothing-here", Ct);

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("application/json", found.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"items":2}""", await found.Content.ReadAsStringAsync(Ct));
        Assert.Equal("1", found.Headers.GetValues("ETag").Single());
        Assert.Equal(HttpStatusCode.NoContent, missing.StatusCode);
        Assert.Contains("shop||cart", cluster.StateStores["statestore"].Keys());
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task Save_accepts_POST_and_PUT_keeps_a_string_value_as_JSON_and_takes_ttl_from_query_metadata(string verb)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-05-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var s = await RawSidecar.StartAsync(configure: o => o.Time = clock);
        var (cluster, http) = (s.Cluster, s.Http);

        using var saved = await http.SendAsync(verb, "/v1.0/state/statestore?metadata.ttlInSeconds=60", """[{"key":"greeting","value":"hello"}]""");
        using var read = await http.GetAsync("/v1.0/state/statestore/greeting", Ct);
        clock.Advance(TimeSpan.FromSeconds(61));
        using var expired = await http.GetAsync("/v1.0/state/statestore/greeting", Ct);

        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.Equal("\"hello\"", await read.Content.ReadAsStringAsync(Ct));
        Assert.Equal("2026-05-01T12:01:00Z", read.Headers.GetValues("metadata.ttlExpireTime").Single());
        Assert.Equal(HttpStatusCode.NoContent, expired.StatusCode);
    }

    [Fact]
    public async Task Save_with_a_stale_ETag_is_409_ERR_STATE_SAVE_and_an_unparsable_one_400()
    {
        await using var s = await RawSidecar.StartAsync();
        var (cluster, http) = (s.Cluster, s.Http);
        (await http.SendAsync("POST", "/v1.0/state/statestore", """[{"key":"k","value":1}]""")).EnsureSuccessStatusCode();
        (await http.SendAsync("POST", "/v1.0/state/statestore", """[{"key":"k","value":2,"etag":"1"}]""")).EnsureSuccessStatusCode();

        var stale = await ErrorAsync(await http.SendAsync("POST", "/v1.0/state/statestore", """[{"key":"k","value":3,"etag":"1"}]"""));
        var invalid = await ErrorAsync(await http.SendAsync("POST", "/v1.0/state/statestore", """[{"key":"k","value":3,"etag":"x"}]"""));
        var lastWrite = await http.SendAsync("POST", "/v1.0/state/statestore", """[{"key":"k","value":4,"etag":"1","options":{"concurrency":"last-write"}}]""");

        Assert.Equal((HttpStatusCode.Conflict, "ERR_STATE_SAVE"), (stale.Status, stale.ErrorCode));
        Assert.StartsWith("failed saving state in state store statestore: possible etag mismatch", stale.Message, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "ERR_STATE_SAVE"), (invalid.Status, invalid.ErrorCode));
        Assert.Equal(HttpStatusCode.NoContent, lastWrite.StatusCode);
        Assert.Equal("4", await http.GetStringAsync("/v1.0/state/statestore/k", Ct));
    }

    [Fact]
    public async Task Save_refuses_a_missing_key_an_illegal_key_and_a_body_that_is_not_JSON()
    {
        await using var s = await RawSidecar.StartAsync();
        var (cluster, http) = (s.Cluster, s.Http);

        var noKey = await ErrorAsync(await http.SendAsync("POST", "/v1.0/state/statestore", """[{"value":1}]"""));
        var illegal = await ErrorAsync(await http.SendAsync("POST", "/v1.0/state/statestore", """[{"key":"a||b","value":1}]"""));
        var notJson = await ErrorAsync(await http.SendAsync("POST", "/v1.0/state/statestore", "not json"));
        using var empty = await http.SendAsync("POST", "/v1.0/state/statestore", "[]");

        Assert.Equal((HttpStatusCode.BadRequest, "ERR_MALFORMED_REQUEST", "\"key\" is a required field"), (noKey.Status, noKey.ErrorCode, noKey.Message));
        Assert.Equal((HttpStatusCode.BadRequest, "ERR_MALFORMED_REQUEST", "DAPR_STATE_ILLEGAL_KEY"), (illegal.Status, illegal.ErrorCode, illegal.Reason));
        Assert.Equal("input key/keyPrefix 'a||b' can't contain '||'", illegal.Message);
        Assert.Equal((HttpStatusCode.BadRequest, "ERR_MALFORMED_REQUEST"), (notJson.Status, notJson.ErrorCode));
        Assert.Equal(HttpStatusCode.NoContent, empty.StatusCode);
        Assert.Empty(cluster.StateStores["statestore"].Keys());
    }

    [Fact]
    public async Task Delete_checks_If_Match_as_daprd_passes_it_and_answers_204()
    {
        await using var s = await RawSidecar.StartAsync();
        var (cluster, http) = (s.Cluster, s.Http);
        (await http.SendAsync("POST", "/v1.0/state/statestore", """[{"key":"k","value":1}]""")).EnsureSuccessStatusCode();
        (await http.SendAsync("POST", "/v1.0/state/statestore", """[{"key":"k","value":2}]""")).EnsureSuccessStatusCode();

        using var staleRequest = new HttpRequestMessage(HttpMethod.Delete, "/v1.0/state/statestore/k");
        staleRequest.Headers.TryAddWithoutValidation("If-Match", "1");
        var stale = await ErrorAsync(await http.SendAsync(staleRequest, Ct));
        using var currentRequest = new HttpRequestMessage(HttpMethod.Delete, "/v1.0/state/statestore/k");
        currentRequest.Headers.TryAddWithoutValidation("If-Match", "2");
        using var deleted = await http.SendAsync(currentRequest, Ct);
        using var again = await http.DeleteAsync("/v1.0/state/statestore/k", Ct);

        Assert.Equal((HttpStatusCode.Conflict, "ERR_STATE_DELETE"), (stale.Status, stale.ErrorCode));
        Assert.StartsWith("failed deleting state with key k: possible etag mismatch", stale.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode); // deleting a missing key is not an error
        Assert.Empty(cluster.StateStores["statestore"].Keys());
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task Bulk_get_answers_each_key_with_data_and_etag_and_a_missing_key_with_its_key_only(string verb)
    {
        await using var s = await RawSidecar.StartAsync();
        var (cluster, http) = (s.Cluster, s.Http);
        (await http.SendAsync("POST", "/v1.0/state/statestore", """[{"key":"a","value":{"n":1}},{"key":"b","value":"two"}]""")).EnsureSuccessStatusCode();

        using var response = await http.SendAsync(verb, "/v1.0/state/statestore/bulk", """{"keys":["a","b","zzz"],"parallelism":2}""");
        var items = await JsonAsync(response);
        using var none = await http.SendAsync(verb, "/v1.0/state/statestore/bulk", """{"keys":[]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""[{"key":"a","data":{"n":1},"etag":"1"},{"key":"b","data":"two","etag":"1"},{"key":"zzz"}]""", items.GetRawText());
        Assert.Equal("[]", await none.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_transaction_applies_its_upserts_and_deletes_together_and_answers_204()
    {
        await using var s = await RawSidecar.StartAsync();
        var (cluster, http) = (s.Cluster, s.Http);
        (await http.SendAsync("POST", "/v1.0/state/statestore", """[{"key":"old","value":1}]""")).EnsureSuccessStatusCode();

        using var response = await http.SendAsync("POST", "/v1.0/state/statestore/transaction", """
            {"operations":[
              {"operation":"upsert","request":{"key":"order-1","value":{"total":10}}},
              {"operation":"delete","request":{"key":"old"}}
            ],"metadata":{"partitionKey":"p"}}
            """);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["shop||order-1"], cluster.StateStores["statestore"].Keys());
        Assert.Equal("""{"total":10}""", await http.GetStringAsync("/v1.0/state/statestore/order-1", Ct));
    }

    [Fact]
    public async Task A_transaction_with_a_stale_ETag_answers_500_ERR_STATE_TRANSACTION_and_keeps_its_other_writes_as_redis_multi_does()
    {
        await using var s = await RawSidecar.StartAsync();
        var (cluster, http) = (s.Cluster, s.Http);
        (await http.SendAsync("POST", "/v1.0/state/statestore", """[{"key":"k","value":1}]""")).EnsureSuccessStatusCode();

        var error = await ErrorAsync(await http.SendAsync("PUT", "/v1.0/state/statestore/transaction", """
            {"operations":[
              {"operation":"upsert","request":{"key":"new","value":1}},
              {"operation":"upsert","request":{"key":"k","value":2,"etag":"7"}}
            ]}
            """));

        Assert.Equal((HttpStatusCode.InternalServerError, "ERR_STATE_TRANSACTION"), (error.Status, error.ErrorCode));
        Assert.StartsWith("error while executing state transaction: possible etag mismatch", error.Message, StringComparison.Ordinal);
        Assert.Equal(["shop||k", "shop||new"], cluster.StateStores["statestore"].Keys().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_transaction_operation_other_than_upsert_or_delete_is_400_ERR_NOT_SUPPORTED_STATE_OPERATION()
    {
        await using var s = await RawSidecar.StartAsync();
        var (cluster, http) = (s.Cluster, s.Http);

        var error = await ErrorAsync(await http.SendAsync("POST", "/v1.0/state/statestore/transaction",
            """{"operations":[{"operation":"upsert","request":{"key":"a","value":1}},{"operation":"merge","request":{"key":"b"}}]}"""));

        Assert.Equal((HttpStatusCode.BadRequest, "ERR_NOT_SUPPORTED_STATE_OPERATION", "operation type merge not supported"), (error.Status, error.ErrorCode, error.Message));
        Assert.Empty(cluster.StateStores["statestore"].Keys());
    }

    [Fact]
    public async Task Query_is_answered_as_daprd_answers_for_a_store_without_query_support()
    {
        await using var s = await RawSidecar.StartAsync();
        var (cluster, http) = (s.Cluster, s.Http);

        var error = await ErrorAsync(await http.SendAsync("POST", "/v1.0-alpha1/state/statestore/query", """{"filter":{"EQ":{"state":"CA"}}}"""));

        Assert.Equal(new DaprError(HttpStatusCode.InternalServerError, "ERR_STATE_STORE_NOT_SUPPORTED", "state store does not support querying",
            "DAPR_STATE_QUERYING_NOT_SUPPORTED"), error);
    }

    [Fact]
    public async Task An_unknown_or_unscoped_store_is_400_ERR_STATE_STORE_NOT_FOUND_on_every_route()
    {
        await using var s = await RawSidecar.StartAsync();
        var (cluster, http) = (s.Cluster, s.Http);

        var errors = new[]
        {
            await ErrorAsync(await http.GetAsync("/v1.0/state/nosuch/k", Ct)),
            await ErrorAsync(await http.SendAsync("POST", "/v1.0/state/nosuch", """[{"key":"k","value":1}]""")),
            await ErrorAsync(await http.DeleteAsync("/v1.0/state/nosuch/k", Ct)),
            await ErrorAsync(await http.SendAsync("POST", "/v1.0/state/nosuch/bulk", """{"keys":["k"]}""")),
            await ErrorAsync(await http.SendAsync("POST", "/v1.0/state/nosuch/transaction", """{"operations":[]}""")),
            await ErrorAsync(await http.SendAsync("POST", "/v1.0-alpha1/state/nosuch/query", "{}")),
            await ErrorAsync(await http.GetAsync("/v1.0/state/privatestore/k", Ct)), // scoped to another app
        };

        Assert.All(errors, e => Assert.Equal((HttpStatusCode.BadRequest, "ERR_STATE_STORE_NOT_FOUND", "DAPR_STATE_NOT_FOUND"), (e.Status, e.ErrorCode, e.Reason)));
        Assert.Equal("state store nosuch is not found", errors[0].Message);
    }

    [Fact]
    public async Task Without_any_state_store_the_answer_is_500_ERR_STATE_STORE_NOT_CONFIGURED()
    {
        using var resources = TempResources.With("pubsub.yaml", """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: pubsub
            spec:
              type: pubsub.redis
              version: v1
            """);
        var options = new ClusterOptions();
        options.ResourcesPaths.Add(resources.Path);
        await using var cluster = await LocalDaprCluster.StartAsync(options);
        using var http = For(await cluster.AddSidecarAsync("shop"));

        var error = await ErrorAsync(await http.GetAsync("/v1.0/state/statestore/k", Ct));

        Assert.Equal(new DaprError(HttpStatusCode.InternalServerError, "ERR_STATE_STORE_NOT_CONFIGURED", "state store statestore is not configured",
            "DAPR_STATE_NOT_CONFIGURED"), error);
    }
}
