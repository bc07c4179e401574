using System.Diagnostics;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.Standalone;

/// <summary>
/// What <c>dapr run -f dapr.yaml</c> does, on the local sidecar: one cluster, a sidecar per app on the
/// template's ports, each app's command started in its folder with the environment daprd's CLI sets
/// (APP_ID, APP_PORT, DAPR_HTTP_PORT, DAPR_GRPC_PORT, DAPR_HTTP_ENDPOINT, DAPR_GRPC_ENDPOINT), and
/// discovery once its port opens. Resources of every app are loaded into the one cluster. As with the Dapr CLI,
/// an app whose command ends takes its sidecar down with it, and the run is over once every command has ended.
/// </summary>
public sealed class StandaloneRunner : IAsyncDisposable
{
    readonly List<(RunApp App, Process Process, AppSidecar Sidecar)> _launched = [];
    readonly TaskCompletionSource<int> _appsExited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    StandaloneRunner(LocalDaprCluster cluster) => Cluster = cluster;

    public LocalDaprCluster Cluster { get; }

    /// <summary>
    /// Completes once every app's command has ended: with the first non-zero exit code among them, else 0.
    /// Never completes when no app has a command (sidecars only): then the run lasts until it is stopped.
    /// </summary>
    public Task<int> AppsExited => _appsExited.Task;

    /// <summary>What each app's command exited with, in the order they ended.</summary>
    public IReadOnlyList<(string AppId, int ExitCode)> Exits { get { lock (_exits) return [.. _exits]; } }

    readonly List<(string AppId, int ExitCode)> _exits = [];

    /// <param name="configure">Cluster options after the runner's own (tests may keep state in memory).</param>
    /// <exception cref="State.ComponentInitException">A state.redis component whose Redis cannot be used.</exception>
    public static async Task<StandaloneRunner> StartAsync(IReadOnlyList<RunApp> apps, LogLevel logLevel = LogLevel.Warning,
        Action<ClusterOptions>? configure = null)
    {
        // As under the Dapr CLI, state.redis data lives in its Redis and outlives the run (carts survive a restart).
        var options = new ClusterOptions { LogLevel = logLevel, StateEngine = StateEngineKind.Redis };
        options.ResourcesPaths.AddRange(apps.SelectMany(a => a.ResourcesPaths).Distinct(StringComparer.Ordinal));
        configure?.Invoke(options);
        var cluster = await LocalDaprCluster.StartAsync(options);
        var runner = new StandaloneRunner(cluster);
        foreach (var app in apps)
        {
            string? configName = null;
            if (app.ConfigFilePath is { } cfg)
            {
                var before = cluster.Resources.Configurations.Keys.ToHashSet();
                ResourceLoader.LoadFile(cluster.Resources, cfg);
                configName = cluster.Resources.Configurations.Keys.FirstOrDefault(k => !before.Contains(k)) ?? before.FirstOrDefault();
            }
            var sidecar = await cluster.AddSidecarAsync(new SidecarOptions(app.AppId)
            {
                HttpPort = app.DaprHttpPort,
                GrpcPort = app.DaprGrpcPort,
                AppPort = app.AppPort,
                ConfigurationName = configName,
                // dapr run -f starts each daprd in its app's folder: relative component paths resolve from there.
                WorkingDirectory = app.AppDir,
            });
            if (app.Command.Count > 0) runner._launched.Add((app, Launch(app, sidecar), sidecar));
            Console.WriteLine($"== {app.AppId}: sidecar http {sidecar.HttpEndpoint} grpc {sidecar.GrpcEndpoint}, app port {app.AppPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        }
        if (runner._launched.Count > 0) _ = runner.WatchAppsAsync();
        return runner;
    }

    async Task WatchAppsAsync()
    {
        await Task.WhenAll(_launched.Select(async l =>
        {
            await l.Process.WaitForExitAsync();
            var code = l.Process.ExitCode;
            lock (_exits) _exits.Add((l.App.AppId, code));
            Console.WriteLine($"== {l.App.AppId}: app exited with code {code.ToString(System.Globalization.CultureInfo.InvariantCulture)}; stopping its sidecar");
            await l.Sidecar.ShutdownAsync();
        }));
        int firstFailure;
        lock (_exits) firstFailure = _exits.Select(e => e.ExitCode).FirstOrDefault(c => c != 0);
        _appsExited.TrySetResult(firstFailure);
    }

    static Process Launch(RunApp app, AppSidecar sidecar)
    {
        var psi = new ProcessStartInfo(app.Command[0]) { WorkingDirectory = app.AppDir, UseShellExecute = false };
        foreach (var arg in app.Command.Skip(1)) psi.ArgumentList.Add(arg);
        foreach (var (k, v) in sidecar.AppEnvironment) psi.Environment[k] = v;
        if (app.AppPort is { } port) psi.Environment["APP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (k, v) in app.Env) psi.Environment[k] = v;
        return Process.Start(psi) ?? throw new InvalidOperationException($"could not start {string.Join(' ', app.Command)}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, p, _) in _launched)
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
        // Let the watcher record the last exits before the processes go away.
        if (_launched.Count > 0) await AppsExited;
        foreach (var (_, p, _) in _launched) p.Dispose();
        await Cluster.DisposeAsync();
    }
}
