using DaprShop.LocalSidecar.Cluster;

namespace DaprShop.LocalSidecar.Tests.Support;

public static class ClusterFactory
{
    /// <summary>The conformance resources shipped beside the tests (copied to the output folder).</summary>
    public static string Resources(string folder = "conformance") => Path.Combine(AppContext.BaseDirectory, "resources", folder);

    /// <summary>A path in the repository (e.g. its own <c>components/</c> folders).</summary>
    public static string RepoPath(params string[] parts) => DaprShop.Testing.Dapr.TestDapr.RepositoryPath(parts);

    public static Task<LocalDaprCluster> StartAsync(Action<ClusterOptions>? configure = null, string folder = "conformance")
    {
        // The sidecars "run" in the test output folder: relative component paths (secretsFile) resolve from there.
        var options = new ClusterOptions { DefaultRetryInterval = TimeSpan.FromMilliseconds(20), WorkingDirectory = AppContext.BaseDirectory };
        options.ResourcesPaths.Add(Resources(folder));
        configure?.Invoke(options);
        return LocalDaprCluster.StartAsync(options);
    }
}
