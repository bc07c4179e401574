using System.Globalization;
using System.Xml;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace DaprShop.LocalSidecar.Resources;

/// <summary>
/// Reads Dapr resource YAML (Component, Subscription v1alpha1/v2alpha1, Resiliency, Configuration, HTTPEndpoint)
/// from one or more folders, several documents per file allowed — the files daprd would load.
/// </summary>
public static class ResourceLoader
{
    public static ResourceSet Load(IEnumerable<string> paths)
    {
        var set = new ResourceSet();
        foreach (var dir in paths)
        {
            if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"resources path not found: {dir}");
            foreach (var file in Directory.EnumerateFiles(dir, "*.*", SearchOption.TopDirectoryOnly)
                         .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                         .Order(StringComparer.Ordinal))
                LoadFile(set, file);
        }
        return set;
    }

    public static void LoadFile(ResourceSet set, string file)
    {
        var parser = new Parser(new StringReader(File.ReadAllText(file)));
        var deserializer = new DeserializerBuilder().Build();
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
        {
            var doc = deserializer.Deserialize<object?>(parser);
            if (doc is null) continue;
            var node = new Node(doc);
            // daprd skips YAML that is not a Dapr resource (a run file, a k8s manifest) rather than failing.
            if (node["apiVersion"].Str?.StartsWith("dapr.io/", StringComparison.Ordinal) != true) continue;
            var kind = node["kind"].Str;
            switch (kind)
            {
                case "Component": set.Components.Add(ReadComponent(node, file)); break;
                case "Subscription": set.Subscriptions.Add(ReadSubscription(node)); break;
                case "Resiliency": set.Resiliencies.Add(ReadResiliency(node, file)); break;
                case "Configuration":
                    var cfg = ReadConfiguration(node);
                    set.Configurations[cfg.Name] = cfg;
                    break;
                case "HTTPEndpoint": set.HttpEndpoints.Add(ReadHttpEndpoint(node, file)); break;
                default: break; // others: not used by DaprShop
            }
        }
    }

    static ComponentSpec ReadComponent(Node n, string file)
    {
        var name = n["metadata"]["name"].Str ?? throw new InvalidDataException($"{file}: component without metadata.name");
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in n["spec"]["metadata"].Items)
        {
            var key = m["name"].Str;
            if (key is null) continue;
            // secretKeyRef values are resolved by daprd from a secret store; the in-memory engines need none of them.
            meta[key] = m["value"].Str ?? (m["secretKeyRef"].Exists ? $"secretKeyRef:{m["secretKeyRef"]["name"].Str}/{m["secretKeyRef"]["key"].Str}" : "");
        }
        return new ComponentSpec(name, n["spec"]["type"].Str ?? "", n["spec"]["version"].Str ?? "v1", meta,
            n["scopes"].Strings, file);
    }

    static HttpEndpointSpec ReadHttpEndpoint(Node n, string file)
    {
        var name = n["metadata"]["name"].Str ?? throw new InvalidDataException($"{file}: HTTPEndpoint without metadata.name");
        var baseUrl = n["spec"]["baseUrl"].Str;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            throw new InvalidDataException($"{file}: HTTPEndpoint {name} needs spec.baseUrl, an absolute http(s) URL");
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var h in n["spec"]["headers"].Items)
        {
            var header = h["name"].Str ?? throw new InvalidDataException($"{file}: HTTPEndpoint {name}: a header without a name");
            // daprd resolves a secretKeyRef from the secret store named in auth.secretStore; DaprShop's endpoints use none.
            var value = h["value"].Str ?? throw new InvalidDataException(
                $"{file}: HTTPEndpoint {name}: header {header} needs a plain value (secretKeyRef is not supported by the local sidecar)");
            headers.Add(KeyValuePair.Create(header, value));
        }
        return new HttpEndpointSpec(name, baseUrl!, headers, n["scopes"].Strings, file);
    }

    static SubscriptionSpec ReadSubscription(Node n)
    {
        var spec = n["spec"];
        var rules = new List<RouteRule>();
        string? defaultRoute;
        if (spec["routes"].Exists)
        {
            foreach (var r in spec["routes"]["rules"].Items) rules.Add(new RouteRule(r["match"].Str ?? "", r["path"].Str ?? ""));
            defaultRoute = spec["routes"]["default"].Str;
        }
        else defaultRoute = spec["route"].Str;
        var meta = spec["metadata"].Map.ToDictionary(kv => kv.Key, kv => kv.Value.Str ?? "", StringComparer.Ordinal);
        return new SubscriptionSpec(spec["pubsubname"].Str ?? "", spec["topic"].Str ?? "", rules, defaultRoute,
            spec["deadLetterTopic"].Str, meta, n["scopes"].Strings, Declarative: true);
    }

    static ResiliencySpec ReadResiliency(Node n, string file)
    {
        var r = new ResiliencySpec();
        var spec = n["spec"];
        try
        {
            foreach (var (name, p) in spec["policies"]["retries"].Map)
            {
                // Unset fields take dapr/kit's retry.DefaultConfig().
                var exponential = string.Equals(p["policy"].Str, "exponential", StringComparison.OrdinalIgnoreCase);
                r.Retries[name] = new RetryPolicy(name, exponential, ParseDuration(p["duration"].Str) ?? TimeSpan.FromSeconds(5),
                    ParseDuration(p["maxInterval"].Str) ?? TimeSpan.FromSeconds(60),
                    int.TryParse(p["maxRetries"].Str, CultureInfo.InvariantCulture, out var max) ? max : -1)
                {
                    InitialInterval = ParseDuration(p["initialInterval"].Str) ?? TimeSpan.FromMilliseconds(500),
                    Multiplier = double.TryParse(p["multiplier"].Str, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : 1.5,
                    MaxElapsedTime = ParseDuration(p["maxElapsedTime"].Str) ?? TimeSpan.FromMinutes(15),
                    HttpStatusCodes = StatusCodeRanges.Parse(p["matching"]["httpStatusCodes"].Str),
                };
            }
            // daprd reads a bare number as milliseconds here (its parseDuration), else a Go duration.
            foreach (var (name, p) in spec["policies"]["timeouts"].Map)
                if ((long.TryParse(p.Str, CultureInfo.InvariantCulture, out var ms) ? TimeSpan.FromMilliseconds(ms) : ParseDuration(p.Str)) is { } t)
                    r.Timeouts[name] = new TimeoutPolicy(name, t);
            foreach (var (name, p) in spec["policies"]["circuitBreakers"].Map)
                r.CircuitBreakers[name] = new CircuitBreakerPolicy(name,
                    int.TryParse(p["maxRequests"].Str, CultureInfo.InvariantCulture, out var maxRequests) ? maxRequests : 0,
                    ParseDuration(p["interval"].Str) ?? TimeSpan.Zero,
                    ParseDuration(p["timeout"].Str) ?? TimeSpan.Zero,
                    p["trip"].Str is { Length: > 0 } trip ? Resiliency.TripExpression.Parse(trip) : null);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"{file}: resiliency {n["metadata"]["name"].Str}: {e.Message}", e);
        }
        foreach (var (name, c) in spec["targets"]["components"].Map)
            r.ComponentTargets[name] = (c["inbound"]["retry"].Str, c["outbound"]["retry"].Str);
        foreach (var (name, a) in spec["targets"]["apps"].Map)
            r.AppTargets[name] = new AppPolicyNames(a["retry"].Str, a["timeout"].Str, a["circuitBreaker"].Str);
        r.Scopes.AddRange(n["scopes"].Strings);
        return r;
    }

    static AppConfigurationSpec ReadConfiguration(Node n)
    {
        var spec = n["spec"];
        var scopes = spec["secrets"]["scopes"].Items.Select(s => new SecretScope(
            s["storeName"].Str ?? "",
            !string.Equals(s["defaultAccess"].Str, "deny", StringComparison.OrdinalIgnoreCase),
            s["allowedSecrets"].Strings, s["deniedSecrets"].Strings)).ToList();
        AccessControlSpec? acl = null;
        if (spec["accessControl"].Exists)
        {
            var ac = spec["accessControl"];
            acl = new AccessControlSpec(
                !string.Equals(ac["defaultAction"].Str, "deny", StringComparison.OrdinalIgnoreCase),
                ac["policies"].Items.Select(p => new AccessPolicy(
                    p["appId"].Str ?? "",
                    !string.Equals(p["defaultAction"].Str, "deny", StringComparison.OrdinalIgnoreCase),
                    p["operations"].Items.Select(o => new AccessOperation(o["name"].Str ?? "/", o["httpVerb"].Strings,
                        !string.Equals(o["action"].Str, "deny", StringComparison.OrdinalIgnoreCase))).ToList())).ToList());
        }
        return new AppConfigurationSpec(n["metadata"]["name"].Str ?? "", scopes, acl);
    }

    /// <summary>Go durations ("5s", "1m30s", "500ms") and ISO 8601 ("PT5S"), as Dapr resources accept.</summary>
    public static TimeSpan? ParseDuration(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        s = s.Trim();
        if (s.StartsWith('P')) return XmlConvert.ToTimeSpan(s);
        return GoDuration.Parse(s);
    }

    /// <summary>A loosely typed view over YamlDotNet's object graph; a missing path yields an empty node.</summary>
    readonly struct Node(object? value)
    {
        public bool Exists => value is not null;
        public string? Str => value switch { null => null, string s => s, _ => Convert.ToString(value, CultureInfo.InvariantCulture) };

        public Node this[string key] => value is IDictionary<object, object> d && d.TryGetValue(key, out var v) ? new Node(v) : default;

        public IEnumerable<Node> Items => value is IList<object> l ? l.Select(i => new Node(i)) : [];

        public IReadOnlyList<string> Strings => Items.Select(i => i.Str).OfType<string>().ToList();

        public IEnumerable<KeyValuePair<string, Node>> Map => value is IDictionary<object, object> d
            ? d.Select(kv => new KeyValuePair<string, Node>(Convert.ToString(kv.Key, CultureInfo.InvariantCulture)!, new Node(kv.Value)))
            : [];
    }
}
