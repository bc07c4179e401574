using System.Text.Json;
using System.Text.RegularExpressions;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.Testing.Redis;

namespace DaprShop.Testing.Dapr;

/// <summary>
/// The local sidecar cluster over the repository's own components (<c>components/common</c> +
/// <c>components/local</c>), copied to a temporary folder so that the secret store reads a throwaway
/// secrets file instead of the developer's <c>.local/secrets.json</c>. Extra resource folders (test-only
/// subscriptions, components) are loaded after them.
/// </summary>
public sealed partial class TestDapr : IAsyncDisposable
{
    readonly Dictionary<string, string> _secrets;

    TestDapr(LocalDaprCluster cluster, string folder, Dictionary<string, string> secrets)
    {
        Cluster = cluster;
        ResourcesFolder = folder;
        _secrets = secrets;
    }

    public LocalDaprCluster Cluster { get; }

    /// <summary>The temporary copy of the components the cluster loaded.</summary>
    public string ResourcesFolder { get; }

    public string SecretsFile => Path.Combine(ResourcesFolder, "secrets.json");

    public IReadOnlyDictionary<string, string> Secrets => _secrets;

    /// <param name="secrets">Secrets the secret store serves (e.g. signing keys from <see cref="TestSecrets"/>).</param>
    /// <param name="extraResources">Further resource folders, loaded after the repository's.</param>
    /// <param name="configure">Cluster options (clock, retry interval) before it starts.</param>
    /// <param name="redis">
    /// Keep <c>state.redis</c> data (and actor reminders) in this leased Redis database, in daprd's layout, instead of
    /// in memory: state outlives the cluster, so a new cluster on the same database reads it back (a restart).
    /// </param>
    /// <param name="alsoScopedTo">
    /// Test apps to add to a scoped component's <c>scopes</c> (component name → app ids), e.g. a test subscriber
    /// standing in for a future consumer of <c>pubsub</c>. Components without scopes are visible to every app anyway.
    /// </param>
    public static async Task<TestDapr> StartAsync(IReadOnlyDictionary<string, string>? secrets = null,
        IEnumerable<string>? extraResources = null, Action<ClusterOptions>? configure = null,
        IReadOnlyDictionary<string, string[]>? alsoScopedTo = null, RedisTestDatabase? redis = null)
    {
        var folder = Directory.CreateTempSubdirectory("daprshop-components-").FullName;
        foreach (var source in new[] { RepositoryPath("components", "common"), RepositoryPath("components", "local") })
            foreach (var file in Directory.EnumerateFiles(source, "*.yaml"))
            {
                var yaml = PointSecretStoresAt(File.ReadAllText(file), "secrets.json");
                foreach (var (component, apps) in alsoScopedTo ?? new Dictionary<string, string[]>())
                    yaml = AddScopes(yaml, component, apps);
                File.WriteAllText(Path.Combine(folder, Path.GetFileName(file)), yaml);
            }

        var values = new Dictionary<string, string>(secrets ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        WriteSecrets(Path.Combine(folder, "secrets.json"), values);

        // The secret store's relative secretsFile resolves against the sidecar's working directory, as in daprd.
        var options = new ClusterOptions { DefaultRetryInterval = TimeSpan.FromMilliseconds(50), WorkingDirectory = folder };
        options.ResourcesPaths.Add(folder);
        foreach (var extra in extraResources ?? []) options.ResourcesPaths.Add(extra);
        redis?.UseIn(options);
        configure?.Invoke(options);
        var cluster = await LocalDaprCluster.StartAsync(options).ConfigureAwait(false);
        return new TestDapr(cluster, folder, values);
    }

    /// <summary>Adds or replaces a secret; the local file store reads the file on every lookup, so it applies at once.</summary>
    public void SetSecret(string key, string value)
    {
        _secrets[key] = value;
        WriteSecrets(SecretsFile, _secrets);
    }

    /// <summary>
    /// Sets metadata of a loaded component (e.g. <c>host</c> and <c>port</c> of the repository's SMTP binding, aimed
    /// at a <see cref="Mail.MailCatcher"/> on a port only known at test time); the sidecar reads components per call.
    /// </summary>
    public void SetComponentMetadata(string component, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var components = Cluster.Resources.Components;
        var i = components.FindIndex(c => c.Name == component);
        if (i < 0) throw new KeyNotFoundException($"no component '{component}' was loaded");
        var merged = new Dictionary<string, string>(components[i].Metadata, StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            var existing = merged.Keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            if (existing is not null) merged.Remove(existing);
            merged[key] = value;
        }
        components[i] = components[i] with { Metadata = merged };
    }

    /// <summary>
    /// Aims a loaded <c>HTTPEndpoint</c> at <paramref name="baseUrl"/> (e.g. an API served on a port only known at test
    /// time); the sidecar reads endpoints per call.
    /// </summary>
    public void SetHttpEndpointBaseUrl(string endpoint, string baseUrl)
    {
        var endpoints = Cluster.Resources.HttpEndpoints;
        var i = endpoints.FindIndex(e => e.Name == endpoint);
        if (i < 0) throw new KeyNotFoundException($"no HTTPEndpoint '{endpoint}' was loaded");
        endpoints[i] = endpoints[i] with { BaseUrl = baseUrl.TrimEnd('/') };
    }

    /// <summary>Aims an SMTP output binding at <paramref name="catcher"/>.</summary>
    public void PointMailAt(string component, Mail.MailCatcher catcher)
    {
        ArgumentNullException.ThrowIfNull(catcher);
        SetComponentMetadata(component, new Dictionary<string, string>
        {
            ["host"] = catcher.Host,
            ["port"] = catcher.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public void RemoveSecret(string key)
    {
        _secrets.Remove(key);
        WriteSecrets(SecretsFile, _secrets);
    }

    static void WriteSecrets(string file, Dictionary<string, string> secrets) => File.WriteAllText(file, JsonSerializer.Serialize(secrets));

    /// <summary>The repository root (the folder holding DaprShop.sln), found by walking up from the test binaries.</summary>
    public static string RepositoryPath(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DaprShop.sln"))) dir = dir.Parent;
        if (dir is null) throw new DirectoryNotFoundException("repository root (DaprShop.sln) not found above " + AppContext.BaseDirectory);
        return Path.Combine([dir.FullName, .. parts]);
    }

    // Only the value of a `secretsFile` metadata entry changes; the rest of the YAML is the repository's own.
    static string PointSecretStoresAt(string yaml, string file) =>
        SecretsFileValue().Replace(yaml, m => m.Groups["prefix"].Value + file);

    [GeneratedRegex(@"(?<prefix>-\s*name:\s*secretsFile\s*\n\s*value:\s*).*")]
    private static partial Regex SecretsFileValue();

    static string AddScopes(string yaml, string component, string[] apps)
    {
        if (!ComponentName().Match(yaml).Groups["name"].Value.Equals(component, StringComparison.Ordinal)) return yaml;
        return ScopesHeader().Replace(yaml, m => m.Value + string.Concat(apps.Select(a => $"  - {a}\n")), 1);
    }

    [GeneratedRegex(@"(?m)^metadata:\s*\n\s+name:\s*(?<name>\S+)")]
    private static partial Regex ComponentName();

    [GeneratedRegex(@"(?m)^scopes:[ \t]*\r?\n")]
    private static partial Regex ScopesHeader();

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync().ConfigureAwait(false);
        try { Directory.Delete(ResourcesFolder, recursive: true); }
        catch (IOException) { /* a temp folder left behind is harmless */ }
    }
}
