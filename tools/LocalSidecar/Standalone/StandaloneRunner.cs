using System.Diagnostics;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.Standalone;

/// <summary>
/// What <c>dapr run -f dapr.yaml</c> does, on the local sidecar: one cluster, a sidecar per app on the
/// template's ports, each app's command started in its folder with the environment daprd's CLI sets
/// (APP_ID, APP_PORT, DAPR_HTTP_PORT, DAPR_GRPC_PORT, DAPR_HTTP_ENDPOINT, DAPR_GRPC_ENDPOINT), and
/// discovery once its port opens. Resources of every app are loaded into the one cluster.
/// </summary>
public sealed class StandaloneRunner : IAsyncDisposable
{
    readonly List<Process> _processes = [];

    StandaloneRunner(LocalDaprCluster cluster) => Cluster = cluster;

    public LocalDaprCluster Cluster { get; }

    public static async Task<StandaloneRunner> StartAsync(IReadOnlyList<RunApp> apps, LogLevel logLevel = LogLevel.Warning)
    {
        var options = new ClusterOptions { LogLevel = logLevel };
        options.ResourcesPaths.AddRange(apps.SelectMany(a => a.ResourcesPaths).Distinct(StringComparer.Ordinal));
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
            });
            if (app.Command.Count > 0) runner._processes.Add(Launch(app, sidecar));
            Console.WriteLine($"== {app.AppId}: sidecar http {sidecar.HttpEndpoint} grpc {sidecar.GrpcEndpoint}, app port {app.AppPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        }
        return runner;
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
        foreach (var p in _processes)
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            p.Dispose();
        }
        await Cluster.DisposeAsync();
    }
}
