using System.Diagnostics;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Standalone;
using DaprShop.LocalSidecar.Tests.Support;
using DaprShop.Testing.Redis;

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
                command: ["sh", "-c", "env | grep -E '^(APP_ID|DAPR_HTTP_PORT|DAPR_GRPC_PORT|DAPR_GRPC_ENDPOINT|SHARED|OWN)=' | sort > env.txt; exec sleep 60"]
                daprHTTPPort: {httpPort}
                daprGRPCPort: {grpcPort}
                env:
                  OWN: from-app
            """, Ct);

        await using var runner = await StandaloneRunner.StartAsync(RunTemplate.Load(runFile), configure: o => o.StateEngine = StateEngineKind.InMemory);
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

    [Fact]
    public async Task The_runner_keeps_state_redis_data_in_the_redis_its_metadata_names_in_daprds_layout()
    {
        await using var redis = await RedisTestDatabase.LeaseAsync();
        var endpoint = redis.Endpoint;
        using var dir = TempResources.With("statestore.yaml", $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: statestore
            spec:
              type: state.redis
              version: v1
              metadata:
                - name: redisHost
                  value: {endpoint.Host}
                - name: redisDB
                  value: "{endpoint.Database}"
            """);
        var httpPort = FreePort();
        var runFile = Path.Combine(dir.Path, "dapr.yaml");
        await File.WriteAllTextAsync(runFile, $"version: 1\ncommon:\n  resourcesPath: ./\napps:\n  - appID: shop\n    appDirPath: ./\n    daprHTTPPort: {httpPort}\n    daprGRPCPort: 0\n", Ct);

        await using (var runner = await StandaloneRunner.StartAsync(RunTemplate.Load(runFile)))
        {
            using var http = new HttpClient();
            using var saved = await http.PostAsync($"http://127.0.0.1:{httpPort}/v1.0/state/statestore",
                new StringContent("""[{"key":"cart","value":{"items":2}}]""", System.Text.Encoding.UTF8, "application/json"), Ct);
            Assert.True(saved.IsSuccessStatusCode);
        }

        var hash = (await redis.Raw.HashGetAllAsync("shop||cart")).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        Assert.Equal(new Dictionary<string, string> { ["data"] = """{"items":2}""", ["version"] = "1" }, hash);
    }

    static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>A run file in a fresh folder whose apps run the given shell commands (sidecars on free ports).</summary>
    /// <remarks>No state store: the runner would keep it in Redis, which these tests do not need.</remarks>
    static (TempResources Dir, string RunFile) RunFileWith(params (string AppId, string Shell)[] apps)
    {
        var dir = TempResources.With("dapr.yaml", "");
        var runFile = Path.Combine(dir.Path, "dapr.yaml");
        File.WriteAllText(runFile, "version: 1\ncommon:\n  resourcesPath: ./\napps:\n" + string.Concat(apps.Select(a =>
            $"  - appID: {a.AppId}\n    appDirPath: ./\n    daprHTTPPort: 0\n    daprGRPCPort: 0\n    command: [\"sh\", \"-c\", \"{a.Shell}\"]\n")));
        return (dir, runFile);
    }

    [Fact]
    public async Task The_run_is_over_once_every_apps_command_has_ended_with_the_first_failures_code()
    {
        var (dir, runFile) = RunFileWith(("fails", "exit 3"), ("lingers", "sleep 0.3; exit 0"));
        using var _ = dir;

        await using var runner = await StandaloneRunner.StartAsync(RunTemplate.Load(runFile));
        var code = await runner.AppsExited.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(3, code);
        Assert.Equal([("fails", 3), ("lingers", 0)], runner.Exits);
        Assert.True(runner.Cluster["fails"].IsShutDown); // an app that ends takes its sidecar with it, as with the Dapr CLI
    }

    [Fact]
    public async Task Without_any_command_the_run_lasts_until_it_is_stopped()
    {
        var dir = TempResources.With("dapr.yaml", """
            version: 1
            apps:
              - appID: sidecar-only
                appDirPath: ./
                daprHTTPPort: 0
                daprGRPCPort: 0
            """);
        using var _ = dir;

        await using var runner = await StandaloneRunner.StartAsync(RunTemplate.Load(Path.Combine(dir.Path, "dapr.yaml")));

        await Eventually.NeverAsync(() => runner.AppsExited.IsCompleted, TimeSpan.FromMilliseconds(300), "a run without commands ended by itself");
    }

    [Theory]
    [InlineData("exit 0", "exit 0", 0)]
    [InlineData("exit 0", "sleep 0.2; exit 7", 7)]
    [InlineData("exit 5", "sleep 0.2; exit 0", 5)]
    public async Task The_runner_program_exits_when_its_apps_have_and_with_a_non_zero_code_when_one_failed(string first, string second, int expected)
    {
        var (dir, runFile) = RunFileWith(("first", first), ("second", second));
        using var _ = dir;

        using var runner = StartProgram(runFile);
        await runner.WaitForExitAsync(Within(60));

        Assert.Equal(expected, runner.ExitCode);
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_signal_stops_the_runner_cleanly_and_takes_its_apps_down(string signal)
    {
        var (dir, runFile) = RunFileWith(("worker", "echo $$ > worker.pid; exec sleep 120"));
        using var _ = dir;
        var pidFile = Path.Combine(dir.Path, "worker.pid");

        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var runner = StartProgram(runFile, output);
        await Eventually.TrueAsync(() => output.Any(l => l.StartsWith("== local sidecar cluster running", StringComparison.Ordinal)) &&
            File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0, "the runner and its app are up", TimeSpan.FromSeconds(60));
        var appPid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using (var kill = Process.Start("kill", [$"-{signal}", runner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync(Ct);
        await runner.WaitForExitAsync(Within(60));

        Assert.Equal(0, runner.ExitCode);
        Assert.False(Directory.Exists($"/proc/{appPid}"), $"the app (pid {appPid}) is still running");
    }

    /// <summary>
    /// The local sidecar program itself, as `make run` starts it from a terminal: <c>dotnet DaprShop.LocalSidecar.dll run -f …</c>.
    /// A test host started in the background (as CI starts it) inherits SIGINT as ignored, and .NET leaves an ignored
    /// SIGINT ignored; coreutils' <c>env --default-signal=INT</c> gives the program the terminal's default back.
    /// </summary>
    static Process StartProgram(string runFile, System.Collections.Concurrent.ConcurrentQueue<string>? output = null)
    {
        var psi = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "DaprShop.LocalSidecar.dll"), "run", "-f", runFile }) psi.ArgumentList.Add(arg);
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output?.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    static CancellationToken Within(int seconds)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(seconds));
        return cts.Token;
    }
}
