using System.Globalization;
using DaprShop.LocalSidecar.Resources;
using StackExchange.Redis;

namespace DaprShop.LocalSidecar.State;

/// <summary>A Redis server and logical database (<c>redisDB</c>) that replaces a component's own, e.g. a test's leased database.</summary>
public sealed record RedisEndpoint(string Host, int Database, string? Password = null);

/// <summary>A component daprd would refuse to initialize, or that the local sidecar cannot serve: the cluster does not start.</summary>
public sealed class ComponentInitException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The Redis connections of a cluster's <c>state.redis</c> components, read from their metadata as
/// components-contrib reads it (<c>redisHost</c> [+ <c>redisPort</c>], default <c>localhost:6379</c>;
/// <c>redisUsername</c>, <c>redisPassword</c>, <c>redisDB</c>, <c>ttlInSeconds</c>). Components naming the same server share one connection.
/// </summary>
public sealed class RedisConnections : IAsyncDisposable
{
    readonly Dictionary<string, ConnectionMultiplexer> _servers = new(StringComparer.Ordinal);

    public async Task<RedisStateStore> OpenStateStoreAsync(ComponentSpec c, RedisEndpoint? replacement, TimeProvider time)
    {
        string Refuse(string why) => throw new ComponentInitException($"initialization error occurred for {c.Name} ({c.Type}/{c.Version}): {why}");
        if (c.MetaFlag("enableTLS")) Refuse("enableTLS is not supported by the local sidecar; use the Dapr CLI for a TLS Redis");
        if (c.Meta("redisType") is { } type && !type.Equals("node", StringComparison.OrdinalIgnoreCase))
            Refuse($"redisType {type} is not supported by the local sidecar (only node)");
        if (c.MetaFlag("failover")) Refuse("failover (Sentinel) is not supported by the local sidecar");
        if (c.Meta("redisPassword") is { } pw && pw.StartsWith("secretKeyRef:", StringComparison.Ordinal))
            Refuse("a redisPassword from a secretKeyRef is not supported by the local sidecar; give the value");

        var host = replacement?.Host ?? Host(c.Meta("redisHost"), c.Meta("redisPort"));
        var password = replacement is null ? c.Meta("redisPassword") : replacement.Password;
        var database = replacement?.Database ?? Int(c.Meta("redisDB"), "redisDB", Refuse) ?? 0;
        TimeSpan? ttl = Int(c.Meta("ttlInSeconds"), "ttlInSeconds", Refuse) is { } secs ? TimeSpan.FromSeconds(Math.Max(secs, 0)) : null;

        var server = await ConnectAsync(host, c.Meta("redisUsername"), password, what => Refuse($"redis store: error connecting to redis at {host}: {what}"));
        if (database < 0 || database >= (server.GetServers().FirstOrDefault()?.DatabaseCount ?? 16))
            Refuse($"redisDB {database} does not exist on {host}");
        return new RedisStateStore(c.Name, server.GetDatabase(database), time, ttl);
    }

    async Task<ConnectionMultiplexer> ConnectAsync(string host, string? user, string? password, Func<string, string> refuse)
    {
        var key = $"{host}|{user}|{password}";
        if (_servers.TryGetValue(key, out var existing)) return existing;
        var options = new ConfigurationOptions { AbortOnConnectFail = true, ConnectTimeout = 5000, ConnectRetry = 1, User = NullIfEmpty(user), Password = NullIfEmpty(password) };
        foreach (var h in host.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) options.EndPoints.Add(h);
        try
        {
            var server = await ConnectionMultiplexer.ConnectAsync(options);
            _servers[key] = server;
            return server;
        }
        catch (RedisException e)
        {
            // The client's advice about abortConnect concerns its own options, not the component's: left out.
            var message = e.Message.Split('\n', 2)[0];
            var advice = message.IndexOf(" To allow this multiplexer", StringComparison.Ordinal);
            refuse(advice > 0 ? message[..advice] : message);
            throw;
        }
    }

    /// <summary>components-contrib's resolveHost: a host without a port gets <c>redisPort</c>, else 6379; none at all is go-redis's default.</summary>
    static string Host(string? host, string? port)
    {
        if (string.IsNullOrWhiteSpace(host)) host = "localhost";
        return string.Join(',', host.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(h => h.Contains(':', StringComparison.Ordinal) ? h : $"{h}:{(string.IsNullOrEmpty(port) ? "6379" : port)}"));
    }

    static int? Int(string? value, string name, Func<string, string> refuse)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return i;
        refuse($"{name} '{value}' is not an integer");
        return null;
    }

    static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _servers.Values) await s.DisposeAsync();
        _servers.Clear();
    }
}
