using Dapr;
using Dapr.Client;
using DaprShop.LocalSidecar.Tests.Support;
using Grpc.Core;

namespace DaprShop.LocalSidecar.Tests.Secrets;

public sealed class SecretsConformanceTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_nested_secret_is_read_from_a_local_file_store_with_its_separator()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var app = await SampleApp.StartAsync(cluster, "identity");

        var secret = await app.Dapr.GetSecretAsync("localsecrets", "db:password", cancellationToken: Ct);

        Assert.Equal(new Dictionary<string, string> { ["db:password"] = "s3cret" }, secret);
    }

    [Fact]
    public async Task Bulk_secrets_return_every_flattened_key()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var app = await SampleApp.StartAsync(cluster, "identity");

        var all = await app.Dapr.GetBulkSecretAsync("localsecrets", cancellationToken: Ct);

        Assert.Equal(["db:password", "db:user", "signing-key"], all.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("shop", all["db:user"]["db:user"]);
    }

    [Fact]
    public async Task A_missing_secret_is_an_error_not_an_empty_answer()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var app = await SampleApp.StartAsync(cluster, "identity");

        var e = await Assert.ThrowsAsync<DaprException>(() => app.Dapr.GetSecretAsync("localsecrets", "nope", cancellationToken: Ct));

        Assert.IsType<RpcException>(e.InnerException);
    }

    [Fact]
    public async Task An_environment_secret_store_reads_variables_under_its_prefix()
    {
        Environment.SetEnvironmentVariable("CONFORMANCE_SECRET_API_KEY", "k-123");
        await using var cluster = await ClusterFactory.StartAsync();
        await using var app = await SampleApp.StartAsync(cluster, "identity");

        var secret = await app.Dapr.GetSecretAsync("envsecrets", "API_KEY", cancellationToken: Ct);

        Assert.Equal("k-123", secret["API_KEY"]);
    }

    [Fact]
    public async Task A_secret_scope_admits_allowed_secrets_and_denies_the_rest()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var app = await SampleApp.StartAsync(cluster, "identity", configurationName: "restricted-secrets");

        var allowed = await app.Dapr.GetSecretAsync("localsecrets", "db:password", cancellationToken: Ct);
        var denied = await Assert.ThrowsAsync<DaprException>(() => app.Dapr.GetSecretAsync("localsecrets", "signing-key", cancellationToken: Ct));
        var bulk = await app.Dapr.GetBulkSecretAsync("localsecrets", cancellationToken: Ct);

        Assert.Equal("s3cret", allowed["db:password"]);
        Assert.Equal(StatusCode.PermissionDenied, Assert.IsType<RpcException>(denied.InnerException).StatusCode);
        Assert.Equal(["db:password"], bulk.Keys);
    }

    [Fact]
    public async Task An_unknown_secret_store_is_an_invalid_argument()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var app = await SampleApp.StartAsync(cluster, "identity");

        var e = await Assert.ThrowsAsync<DaprException>(() => app.Dapr.GetSecretAsync("vault", "x", cancellationToken: Ct));

        Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(e.InnerException).StatusCode);
    }
}
