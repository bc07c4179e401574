using System.Text.Json;
using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.Secrets;

/// <summary>A store that cannot be read (daprd fails to initialise such a component; the local sidecar fails its calls and says why).</summary>
public sealed class SecretStoreUnavailableException(string store, string reason) : Exception($"secret store {store} cannot be read: {reason}");

/// <summary>A secret the store does not hold (daprd answers such a lookup with an error, not an empty map).</summary>
public sealed class SecretNotFoundException(string store, string key) : Exception($"secret {key} not found in store {store}");

/// <summary>
/// The two local secret stores Dapr ships for development, with their documented behaviour:
/// <c>secretstores.local.file</c> (a JSON file, nested keys flattened with <c>nestedSeparator</c>,
/// or one secret per top-level key when <c>multiValued</c>) and <c>secretstores.local.env</c>
/// (environment variables, optionally filtered by <c>prefix</c>, which is stripped).
/// </summary>
public sealed class SecretStoreEngine
{
    readonly ComponentSpec _component;
    readonly Func<Func<string, string>, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> _read;

    SecretStoreEngine(ComponentSpec component, Func<Func<string, string>, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> read)
    {
        _component = component;
        _read = read;
    }

    public string Name => _component.Name;

    public static SecretStoreEngine For(ComponentSpec c) => c.Type switch
    {
        "secretstores.local.file" => new SecretStoreEngine(c, resolvePath => ReadFile(c, resolvePath)),
        "secretstores.local.env" => new SecretStoreEngine(c, _ => ReadEnvironment(c)),
        _ => throw new NotSupportedException($"secret store type {c.Type} is not supported by the local sidecar (use secretstores.local.file or secretstores.local.env)"),
    };

    /// <param name="key">The secret's name.</param>
    /// <param name="resolvePath">Resolves a relative path in the component's metadata as the asking sidecar does (its working directory).</param>
    public IReadOnlyDictionary<string, string> Get(string key, Func<string, string> resolvePath) =>
        _read(resolvePath).TryGetValue(key, out var secret) ? secret : throw new SecretNotFoundException(Name, key);

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> GetAll(Func<string, string> resolvePath) => _read(resolvePath);

    static Dictionary<string, IReadOnlyDictionary<string, string>> ReadFile(ComponentSpec c, Func<string, string> resolvePath)
    {
        var secretsFile = c.Meta("secretsFile") ?? throw new InvalidOperationException($"component {c.Name}: metadata 'secretsFile' is required");
        // daprd opens a relative path against its working directory (dapr run -f: the app's appDirPath), not the YAML's folder.
        var path = resolvePath(secretsFile);
        if (!File.Exists(path))
            throw new SecretStoreUnavailableException(c.Name, $"missing local secrets file {path} (secretsFile '{secretsFile}' resolves against the sidecar's working directory)");
        var separator = c.Meta("nestedSeparator") ?? ":";
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (c.MetaFlag("multiValued"))
        {
            foreach (var top in doc.RootElement.EnumerateObject())
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                Flatten(top.Value, "", separator, values);
                result[top.Name] = values;
            }
            return result;
        }
        var flat = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(doc.RootElement, "", separator, flat);
        foreach (var (k, v) in flat) result[k] = new Dictionary<string, string> { [k] = v };
        return result;
    }

    static void Flatten(JsonElement e, string prefix, string separator, Dictionary<string, string> into)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
                Flatten(p.Value, prefix.Length == 0 ? p.Name : prefix + separator + p.Name, separator, into);
            return;
        }
        into[prefix] = e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
    }

    static Dictionary<string, IReadOnlyDictionary<string, string>> ReadEnvironment(ComponentSpec c)
    {
        var prefix = c.Meta("prefix") ?? "";
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            var name = (string)e.Key;
            if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var key = name[prefix.Length..];
            result[key] = new Dictionary<string, string> { [key] = (string?)e.Value ?? "" };
        }
        return result;
    }
}
