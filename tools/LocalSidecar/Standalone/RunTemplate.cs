using System.Globalization;
using YamlDotNet.Serialization;

namespace DaprShop.LocalSidecar.Standalone;

/// <summary>One app of a Dapr multi-app run file (<c>dapr.yaml</c>), with <c>common</c> already applied.</summary>
public sealed record RunApp(
    string AppId,
    string AppDir,
    int? AppPort,
    IReadOnlyList<string> Command,
    IReadOnlyDictionary<string, string> Env,
    int DaprHttpPort,
    int DaprGrpcPort,
    IReadOnlyList<string> ResourcesPaths,
    string? ConfigFilePath);

/// <summary>
/// Reads the Dapr CLI's multi-app run template (version 1): <c>common</c> (resourcesPath(s), env,
/// configFilePath) and <c>apps[]</c> (appID, appDirPath, appPort, command, env, daprHTTPPort,
/// daprGRPCPort, resourcesPath(s), configFilePath). Relative paths resolve against the file's folder,
/// as the CLI does.
/// </summary>
public static class RunTemplate
{
    public static IReadOnlyList<RunApp> Load(string file)
    {
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var root = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(File.ReadAllText(file))
                   ?? throw new InvalidDataException($"{file} is empty");
        var common = Map(root.GetValueOrDefault("common"));
        var apps = new List<RunApp>();
        var index = 0;
        foreach (var raw in (root.GetValueOrDefault("apps") as IList<object>) ?? [])
        {
            var app = Map(raw);
            var appDir = Resolve(baseDir, Str(app, "appDirPath") ?? ".");
            var appId = Str(app, "appID") ?? Path.GetFileName(appDir.TrimEnd('/'));
            var env = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var source in new[] { common, app })
                foreach (var (k, v) in Map(source.GetValueOrDefault("env")))
                    env[Convert.ToString(k, CultureInfo.InvariantCulture)!] = Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";
            var resources = Paths(app, appDir);
            if (resources.Count == 0) resources = Paths(common, baseDir);
            // The CLI's default is ~/.dapr/components; DaprShop always names its own.
            apps.Add(new RunApp(
                appId, appDir,
                Int(app, "appPort"),
                ((app.GetValueOrDefault("command") as IList<object>) ?? []).Select(o => Convert.ToString(o, CultureInfo.InvariantCulture)!).ToList(),
                env,
                Int(app, "daprHTTPPort") ?? 3500 + index,
                Int(app, "daprGRPCPort") ?? 50001 + index,
                resources,
                Str(app, "configFilePath") is { } cfg ? Resolve(appDir, cfg) : Str(common, "configFilePath") is { } c ? Resolve(baseDir, c) : null));
            index++;
        }
        return apps;
    }

    static List<string> Paths(Dictionary<object, object> node, string baseDir)
    {
        var list = new List<string>();
        if (Str(node, "resourcesPath") is { } one) list.Add(Resolve(baseDir, one));
        foreach (var p in (node.GetValueOrDefault("resourcesPaths") as IList<object>) ?? [])
            list.Add(Resolve(baseDir, Convert.ToString(p, CultureInfo.InvariantCulture)!));
        return list;
    }

    static string Resolve(string baseDir, string path) => Path.GetFullPath(Path.Combine(baseDir, path));

    static Dictionary<object, object> Map(object? o) => o as Dictionary<object, object> ?? [];

    static string? Str(Dictionary<object, object> m, string key) =>
        m.TryGetValue(key, out var v) ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;

    static int? Int(Dictionary<object, object> m, string key) =>
        Str(m, key) is { } s && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
}
