using DaprShop.LocalSidecar.State;

namespace DaprShop.LocalSidecar.Cluster;

/// <summary>Where <c>state.redis</c> components keep their data.</summary>
public enum StateEngineKind
{
    /// <summary>In memory, gone with the cluster (tests' default).</summary>
    InMemory,

    /// <summary>In the Redis the component's metadata names, in daprd's layout (the standalone runner).</summary>
    Redis,
}

public sealed class ClusterOptions
{
    /// <summary>
    /// Where <c>state.redis</c> components keep their data: in memory (default) or in their Redis, in daprd's own
    /// layout, so it outlives the cluster and reads back under the Dapr CLI. Other state types stay in memory.
    /// </summary>
    public StateEngineKind StateEngine { get; set; } = StateEngineKind.InMemory;

    /// <summary>
    /// With <see cref="StateEngineKind.Redis"/>: the server and logical database (<c>redisDB</c>) every <c>state.redis</c>
    /// component uses instead of its own metadata's. Tests isolate concurrent clusters with a leased database this way,
    /// leaving daprd's key layout untouched. Null: each component's metadata.
    /// </summary>
    public RedisEndpoint? RedisReplacement { get; set; }

    /// <summary>Folders of Dapr resource YAML (components, subscriptions, resiliency, configurations).</summary>
    public List<string> ResourcesPaths { get; } = [];

    /// <summary>The namespace apps are addressed in (<c>app-id.namespace</c>); daprd standalone uses "default".</summary>
    public string Namespace { get; set; } = "default";

    /// <summary>Clock for TTLs, timers, reminders, cron and retry back-off; tests may pass a fake one.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>
    /// Redelivery interval when no Resiliency policy targets a pub/sub component. daprd itself does not
    /// retry then; the broker component redelivers (Redis Streams: every 60 s), which this stands in for.
    /// Tests shorten it.
    /// </summary>
    public TimeSpan DefaultRetryInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Address the sidecars bind to.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// The folder relative paths in component metadata (a local file secret store's <c>secretsFile</c>) resolve
    /// against: daprd resolves them against its working directory. Null: the current directory when the cluster
    /// starts. A sidecar may have its own (<see cref="SidecarOptions.WorkingDirectory"/>).
    /// </summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Minimum log level of the sidecars' own hosts.</summary>
    public LogLevel LogLevel { get; set; } = LogLevel.Warning;
}

/// <summary>How one app's sidecar is started: its id, ports (0 = pick a free one) and configuration.</summary>
public sealed record SidecarOptions(string AppId)
{
    public int HttpPort { get; init; }
    public int GrpcPort { get; init; }
    /// <summary>The app's port, when known up front (the standalone runner); otherwise <see cref="AppSidecar.ConnectAppAsync"/>.</summary>
    public int? AppPort { get; init; }
    /// <summary>Name of a <c>Configuration</c> resource to apply, as daprd's <c>--config</c>.</summary>
    public string? ConfigurationName { get; init; }
    /// <summary>
    /// The app API token (daprd's <c>APP_API_TOKEN</c>): sent as <c>dapr-api-token</c> on every call to the app and
    /// given to the app in its environment, so routes only the sidecar may call can tell it from anyone else.
    /// Generated per sidecar unless set.
    /// </summary>
    public string AppApiToken { get; init; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
    /// <summary>
    /// This sidecar's working directory, against which relative paths in component metadata resolve. <c>dapr run -f</c>
    /// starts each daprd in its app's <c>appDirPath</c>; the standalone runner does the same. Null: the cluster's.
    /// </summary>
    public string? WorkingDirectory { get; init; }
}
