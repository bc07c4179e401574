using System.Net;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Tests.Support;
using static DaprShop.LocalSidecar.Tests.HttpApi.SidecarHttp;

namespace DaprShop.LocalSidecar.Tests.HttpApi;

/// <summary>The secrets API over raw HTTP, with daprd's statuses (an unknown store is 401 in daprd).</summary>
public sealed class SecretsHttpApiTests
{
    [Fact]
    public async Task Get_answers_the_secret_as_a_map_and_bulk_every_secret_as_a_map_of_maps()
    {
        await using var s = await RawSidecar.StartAsync("identity");

        var one = await JsonAsync(await s.Http.GetAsync("/v1.0/secrets/localsecrets/db:password?metadata.version_id=1", Ct));
        var all = await JsonAsync(await s.Http.GetAsync("/v1.0/secrets/localsecrets/bulk", Ct));

        Assert.Equal("""{"db:password":"s3cret"}""", one.GetRawText());
        Assert.Equal("shop", all.GetProperty("db:user").GetProperty("db:user").GetString());
        Assert.Equal(["db:password", "db:user", "signing-key"], all.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unknown_store_is_401_a_denied_secret_403_and_a_missing_one_500()
    {
        await using var s = await RawSidecar.StartAsync("identity", configurationName: "restricted-secrets");

        var unknown = await ErrorAsync(await s.Http.GetAsync("/v1.0/secrets/vault/x", Ct));
        var unknownBulk = await ErrorAsync(await s.Http.GetAsync("/v1.0/secrets/vault/bulk", Ct));
        var denied = await ErrorAsync(await s.Http.GetAsync("/v1.0/secrets/localsecrets/signing-key", Ct));
        var missing = await ErrorAsync(await s.Http.GetAsync("/v1.0/secrets/envsecrets/NOT_SET_ANYWHERE", Ct));

        Assert.Equal(new DaprError(HttpStatusCode.Unauthorized, "ERR_SECRET_STORE_NOT_FOUND", "failed finding secret store with key vault", null), unknown);
        Assert.Equal(unknown, unknownBulk);
        Assert.Equal(new DaprError(HttpStatusCode.Forbidden, "ERR_PERMISSION_DENIED", "access denied by policy to get \"signing-key\" from \"localsecrets\"", null), denied);
        Assert.Equal((HttpStatusCode.InternalServerError, "ERR_SECRET_GET"), (missing.Status, missing.ErrorCode));
    }

    [Fact]
    public async Task Without_any_secret_store_the_answer_is_500_ERR_SECRET_STORES_NOT_CONFIGURED()
    {
        using var resources = TempResources.With("state.yaml", """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: statestore
            spec:
              type: state.redis
              version: v1
            """);
        var options = new ClusterOptions();
        options.ResourcesPaths.Add(resources.Path);
        await using var cluster = await LocalDaprCluster.StartAsync(options);
        using var http = For(await cluster.AddSidecarAsync("identity"));

        var error = await ErrorAsync(await http.GetAsync("/v1.0/secrets/localsecrets/x", Ct));

        Assert.Equal(new DaprError(HttpStatusCode.InternalServerError, "ERR_SECRET_STORES_NOT_CONFIGURED", "secret store is not configured", null), error);
    }
}
