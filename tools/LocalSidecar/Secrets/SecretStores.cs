using DaprShop.LocalSidecar.Cluster;
using Grpc.Core;

namespace DaprShop.LocalSidecar.Secrets;

/// <summary>A refused secret call with the gRPC status daprd answers.</summary>
public sealed class SecretAccessException(StatusCode code, string message) : Exception(message)
{
    public StatusCode Code { get; } = code;
    public int HttpStatus => Code switch
    {
        StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
        StatusCode.InvalidArgument => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };
}

/// <summary>
/// The cluster's secret stores, with daprd's access rules: component scopes, then the app
/// Configuration's <c>secrets.scopes</c> (allowedSecrets / deniedSecrets / defaultAccess).
/// </summary>
public sealed class SecretStores(LocalDaprCluster cluster)
{
    readonly Dictionary<string, SecretStoreEngine> _engines = cluster.Resources.OfKind("secretstores")
        .ToDictionary(c => c.Name, SecretStoreEngine.For, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Get(AppSidecar sidecar, string store, string key)
    {
        var engine = Open(sidecar, store, key);
        if (ScopeFor(sidecar, store) is { } scope && !scope.Permits(key))
            throw Refuse(sidecar, "get", $"{store}/{key}", StatusCode.PermissionDenied, $"access denied by policy to get \"{key}\" from \"{store}\"");
        try
        {
            var secret = engine.Get(key, sidecar.ResolvePath);
            cluster.Calls.Record(sidecar.AppId, "secrets", "get", $"{store}/{key}");
            return secret;
        }
        catch (Exception e) when (e is SecretNotFoundException or SecretStoreUnavailableException)
        {
            throw Refuse(sidecar, "get", $"{store}/{key}", StatusCode.Internal, $"failed getting secret with key {key} from secret store {store}: {e.Message}");
        }
    }

    /// <summary>Bulk reads silently leave out what the app's secret scope denies, as daprd does.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> GetBulk(AppSidecar sidecar, string store)
    {
        var engine = Open(sidecar, store, "*");
        var scope = ScopeFor(sidecar, store);
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> read;
        try
        {
            read = engine.GetAll(sidecar.ResolvePath);
        }
        catch (SecretStoreUnavailableException e)
        {
            throw Refuse(sidecar, "bulk-get", store, StatusCode.Internal, $"failed getting secrets from secret store {store}: {e.Message}");
        }
        var all = read.Where(kv => scope is null || scope.Permits(kv.Key))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        cluster.Calls.Record(sidecar.AppId, "secrets", "bulk-get", store);
        return all;
    }

    SecretStoreEngine Open(AppSidecar sidecar, string store, string key)
    {
        var component = cluster.Resources.Find("secretstores", store);
        if (component is null || !sidecar.CanUse(component) || !_engines.TryGetValue(store, out var engine))
            throw Refuse(sidecar, "get", $"{store}/{key}", StatusCode.InvalidArgument, $"failed finding secret store with key {store}");
        return engine;
    }

    static Resources.SecretScope? ScopeFor(AppSidecar sidecar, string store) =>
        sidecar.Configuration?.SecretScopes.FirstOrDefault(s => s.StoreName == store);

    SecretAccessException Refuse(AppSidecar sidecar, string op, string target, StatusCode code, string message)
    {
        cluster.Calls.Record(sidecar.AppId, "secrets", op, target, $"{code.ToString().ToLowerInvariant()}: {message}");
        return new SecretAccessException(code, message);
    }
}
