using System.Net;
using System.Net.Http.Json;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Standalone;

namespace DaprShop.LocalSidecar.Tests.Secrets;

/// <summary>
/// A relative path in a component's metadata resolves as daprd resolves it: against the sidecar's working
/// directory (which <c>dapr run -f</c> sets to the app's <c>appDirPath</c>), never the YAML's own folder.
/// </summary>
public sealed class RelativePathConformanceTests : IDisposable
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    readonly string _root = Directory.CreateTempSubdirectory("daprshop-relative-").FullName;

    static string SecretStore(string secretsFile) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: filesecrets
        spec:
          type: secretstores.local.file
          version: v1
          metadata:
            - name: secretsFile
              value: {secretsFile}
        """;

    string Write(string relativePath, string content)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    string Components(string secretsFile)
    {
        Write("components/secretstore.yaml", SecretStore(secretsFile));
        return Path.Combine(_root, "components");
    }

    static async Task<string?> ReadSecretAsync(AppSidecar sidecar, string key)
    {
        using var http = new HttpClient { BaseAddress = new Uri(sidecar.HttpEndpoint) };
        var secret = await http.GetFromJsonAsync<Dictionary<string, string>>($"/v1.0/secrets/filesecrets/{key}", Ct);
        return secret?[key];
    }

    [Fact]
    public async Task A_relative_secretsFile_resolves_against_the_clusters_working_directory_not_the_components_folder()
    {
        var components = Components("config/secrets.json");
        Write("config/secrets.json", """{"token": "from the working directory"}""");
        Write("components/config/secrets.json", """{"token": "from beside the YAML"}""");
        var options = new ClusterOptions { WorkingDirectory = _root };
        options.ResourcesPaths.Add(components);
        await using var cluster = await LocalDaprCluster.StartAsync(options);
        var sidecar = await cluster.AddSidecarAsync("reader");

        Assert.Equal("from the working directory", await ReadSecretAsync(sidecar, "token"));
    }

    [Fact]
    public async Task Each_sidecar_resolves_relative_paths_against_its_own_working_directory()
    {
        var components = Components("secrets.json");
        Write("orders/secrets.json", """{"token": "orders' secret"}""");
        Write("billing/secrets.json", """{"token": "billing's secret"}""");
        var options = new ClusterOptions { WorkingDirectory = _root };
        options.ResourcesPaths.Add(components);
        await using var cluster = await LocalDaprCluster.StartAsync(options);
        var orders = await cluster.AddSidecarAsync(new SidecarOptions("orders") { WorkingDirectory = Path.Combine(_root, "orders") });
        var billing = await cluster.AddSidecarAsync(new SidecarOptions("billing") { WorkingDirectory = Path.Combine(_root, "billing") });

        Assert.Equal("orders' secret", await ReadSecretAsync(orders, "token"));
        Assert.Equal("billing's secret", await ReadSecretAsync(billing, "token"));
    }

    [Fact]
    public async Task Without_a_working_directory_the_cluster_uses_the_current_directory_and_absolute_paths_are_kept()
    {
        var absolute = Write("elsewhere/secrets.json", """{"token": "absolute"}""");
        var options = new ClusterOptions();
        options.ResourcesPaths.Add(Components(absolute));
        await using var cluster = await LocalDaprCluster.StartAsync(options);
        var sidecar = await cluster.AddSidecarAsync("reader");

        Assert.Equal(Directory.GetCurrentDirectory(), sidecar.WorkingDirectory);
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "x", "y.json"), sidecar.ResolvePath("x/y.json"));
        Assert.Equal("absolute", await ReadSecretAsync(sidecar, "token"));
    }

    [Fact]
    public async Task A_secrets_file_missing_from_the_working_directory_fails_the_read_and_names_the_resolved_path()
    {
        var options = new ClusterOptions { WorkingDirectory = Path.Combine(_root, "app") };
        options.ResourcesPaths.Add(Components("secrets.json"));
        Write("components/secrets.json", """{"token": "only beside the YAML"}""");
        await using var cluster = await LocalDaprCluster.StartAsync(options);
        var sidecar = await cluster.AddSidecarAsync("reader");
        using var http = new HttpClient { BaseAddress = new Uri(sidecar.HttpEndpoint) };

        using var response = await http.GetAsync("/v1.0/secrets/filesecrets/token", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("ERR_SECRET_GET", body, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_root, "app", "secrets.json"), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_standalone_runner_resolves_each_apps_relative_paths_against_its_appDirPath()
    {
        Components("secrets.json");
        Write("services/orders/secrets.json", """{"token": "orders' secret"}""");
        Write("services/billing/secrets.json", """{"token": "billing's secret"}""");
        var runFile = Write("dapr.yaml", """
            version: 1
            common:
              resourcesPath: ./components
            apps:
              - appID: orders
                appDirPath: ./services/orders
                daprHTTPPort: 0
                daprGRPCPort: 0
              - appID: billing
                appDirPath: ./services/billing
                daprHTTPPort: 0
                daprGRPCPort: 0
            """);

        await using var runner = await StandaloneRunner.StartAsync(RunTemplate.Load(runFile));

        Assert.Equal("orders' secret", await ReadSecretAsync(runner.Cluster["orders"], "token"));
        Assert.Equal("billing's secret", await ReadSecretAsync(runner.Cluster["billing"], "token"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
