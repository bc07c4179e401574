using DaprShop.LocalSidecar.Cluster;

namespace DaprShop.LocalSidecar.Tests.Support;

public static class ClusterFactory
{
    /// <summary>The conformance resources shipped beside the tests (copied to the output folder).</summary>
    public static string Resources(string folder = "conformance") => Path.Combine(AppContext.BaseDirectory, "resources", folder);

    /// <summary>The repository's own <c>components/</c> folders, found by walking up from the test binaries.</summary>
    public static string RepoPath(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DaprShop.sln"))) dir = dir.Parent;
        if (dir is null) throw new DirectoryNotFoundException("repository root (DaprShop.sln) not found above " + AppContext.BaseDirectory);
        return Path.Combine([dir.FullName, .. parts]);
    }

    public static Task<LocalDaprCluster> StartAsync(Action<ClusterOptions>? configure = null, string folder = "conformance")
    {
        var options = new ClusterOptions { DefaultRetryInterval = TimeSpan.FromMilliseconds(20) };
        options.ResourcesPaths.Add(Resources(folder));
        configure?.Invoke(options);
        return LocalDaprCluster.StartAsync(options);
    }
}
