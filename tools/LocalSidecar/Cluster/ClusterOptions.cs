namespace DaprShop.LocalSidecar.Cluster;

public sealed class ClusterOptions
{
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
}
