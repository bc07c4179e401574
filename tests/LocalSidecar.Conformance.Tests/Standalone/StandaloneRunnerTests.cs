using DaprShop.LocalSidecar.Standalone;
using DaprShop.LocalSidecar.Tests.Support;

namespace DaprShop.LocalSidecar.Tests.Standalone;

public sealed class StandaloneRunnerTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_file_starts_each_apps_command_with_the_sidecar_environment_on_the_given_ports()
    {
        using var dir = TempResources.With("statestore.yaml", """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: statestore
            spec:
              type: state.redis
              version: v1
            """);
        var appDir = Directory.CreateDirectory(Path.Combine(dir.Path, "app")).FullName;
        var runFile = Path.Combine(dir.Path, "dapr.yaml");
        var httpPort = FreePort();
        var grpcPort = FreePort();
        await File.WriteAllTextAsync(runFile, $"""
            version: 1
            common:
              resourcesPath: ./
              env:
                SHARED: from-common
            apps:
              - appID: probe
                appDirPath: ./app
                command: ["sh", "-c", "env | grep -E '^(APP_ID|DAPR_HTTP_PORT|DAPR_GRPC_PORT|DAPR_GRPC_ENDPOINT|SHARED|OWN)=' | sort > env.txt"]
                daprHTTPPort: {httpPort}
                daprGRPCPort: {grpcPort}
                env:
                  OWN: from-app
            """, Ct);

        await using var runner = await StandaloneRunner.StartAsync(RunTemplate.Load(runFile));
        var envFile = Path.Combine(appDir, "env.txt");
        await Eventually.TrueAsync(() => File.Exists(envFile) && File.ReadAllText(envFile).Contains("SHARED", StringComparison.Ordinal), "the app wrote its environment");

        Assert.Equal(
        [
            "APP_ID=probe",
            $"DAPR_GRPC_ENDPOINT=http://127.0.0.1:{grpcPort}",
            $"DAPR_GRPC_PORT={grpcPort}",
            $"DAPR_HTTP_PORT={httpPort}",
            "OWN=from-app",
            "SHARED=from-common",
        ], (await File.ReadAllLinesAsync(envFile, Ct)).Where(l => l.Length > 0));
        using var http = new HttpClient();
        Assert.True((await http.GetAsync($"http://127.0.0.1:{httpPort}/v1.0/healthz", Ct)).IsSuccessStatusCode);
        Assert.True(runner.Cluster.StateStores.ContainsKey("statestore"));
    }

    static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
