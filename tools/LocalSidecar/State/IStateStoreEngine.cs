using System.Globalization;

namespace DaprShop.LocalSidecar.State;

/// <summary>
/// A state store's data, with the semantics of Dapr's Redis component (components-contrib <c>state/redis</c>),
/// which DaprShop configures — no stricter, so code that passes here behaves the same under daprd: integer version
/// ETags starting at 1; an ETag on a missing key creates it; first-write refuses only a key itself saved under
/// first-write; a write naming no TTL keeps the key's expiry; a transaction is Redis's <c>MULTI</c> of scripts (no
/// rollback). The sidecar's state and actor APIs see only this; the cluster picks the engine
/// (<see cref="InMemoryStateStore"/> or <see cref="RedisStateStore"/>) per component.
/// </summary>
public interface IStateStoreEngine
{
    string Name { get; }

    /// <summary>The entry under a fully prefixed key, or null when absent or expired.</summary>
    StateEntry? Get(string key);

    /// <summary>Live keys starting with a prefix (tests inspect what was written).</summary>
    IReadOnlyList<string> Keys(string prefix = "");

    /// <summary>
    /// daprd's <c>Set</c> or <c>Delete</c> of one key (a save of several keys is several of these, as daprd's
    /// <c>BulkSet</c>). A refused set changes nothing, not even the key's expiry.
    /// </summary>
    void Write(StateWrite write);

    /// <summary>
    /// daprd's <c>Multi</c>: an unparsable ETag refuses the whole transaction before any change; otherwise every
    /// write is checked and applied in order, a refused one is skipped and the others still apply (Redis's
    /// <c>MULTI</c>/<c>EXEC</c> does not roll back), a refused set still applies its TTL to the existing key (daprd
    /// queues the <c>EXPIRE</c>/<c>PERSIST</c> after the script), and no upsert marks a key first-write (daprd's
    /// transaction script is not told the concurrency). The first refused write is reported.
    /// </summary>
    void Apply(IReadOnlyList<StateWrite> writes);
}

public enum EtagFailure
{
    /// <summary>daprd: an ETag error of kind mismatch → gRPC Aborted (SDK <c>TrySave…</c> → false), HTTP 409.</summary>
    Mismatch,

    /// <summary>daprd: an ETag error of kind invalid → gRPC InvalidArgument, HTTP 400.</summary>
    Invalid,

    /// <summary>
    /// A set without an ETag on a key saved under first-write: daprd's script error, which is not an ETag error
    /// (the request had no ETag), so gRPC Internal, HTTP 500.
    /// </summary>
    FirstWrite,
}

/// <summary>A write the store refused by its concurrency rules.</summary>
public sealed class EtagException(EtagFailure failure, string message) : Exception(message)
{
    public EtagFailure Failure { get; } = failure;

    // One wording for both engines, so a test never learns which one it has.
    internal static EtagException Invalid(string etag) => new(EtagFailure.Invalid, $"invalid etag value: {etag}");
    internal static EtagException Mismatch() => new(EtagFailure.Mismatch, "possible etag mismatch. error from state store: ERR Error running script");
    internal static EtagException FirstWrite(string key) => new(EtagFailure.FirstWrite, $"failed to set key {key}: ERR Error running script");

    /// <summary>daprd's Redis component takes a decimal integer ETag for a set (Go's strconv.Atoi: optional sign, digits).</summary>
    internal static bool TryParse(string etag, out long version) =>
        long.TryParse(etag, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out version);
}

/// <summary>The store itself failed (unreachable, or data it cannot read): daprd answers Internal.</summary>
public sealed class StateStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// One write of a save, delete or transaction, on a fully prefixed key, as the request gave it. <see cref="Etag"/>
/// null or empty: none. <see cref="FirstWrite"/>/<see cref="LastWrite"/>: the request's concurrency (neither:
/// unspecified). <see cref="Ttl"/> null: the request named none (the component's <c>ttlInSeconds</c> applies, if
/// any, else the key keeps its expiry); zero: explicitly none (daprd's <c>ttlInSeconds</c> ≤ 0, a <c>PERSIST</c>).
/// </summary>
public sealed record StateWrite(string Key, bool IsDelete, byte[]? Value, string? Etag, bool FirstWrite, TimeSpan? Ttl, bool LastWrite = false)
{
    /// <summary>components-contrib's <c>HasETag</c>: an empty ETag is no ETag.</summary>
    public bool HasEtag => !string.IsNullOrEmpty(Etag);
}

/// <summary>An entry as stored; <see cref="FirstWrite"/>: daprd's <c>first-write</c> hash field is set.</summary>
public sealed record StateEntry(byte[] Value, long Version, DateTimeOffset? ExpiresAt, bool FirstWrite = false)
{
    public string Etag => Version.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// What daprd's Redis component hands its set/delete script for one write, and the script's rules, shared by both
/// engines (the Redis engine's Lua script follows the same rules).
/// </summary>
readonly record struct ScriptWrite(StateWrite Write, string Expected, bool Mark)
{
    /// <summary>
    /// A set's expected version is the parsed ETag, or "0" without one or under last-write (daprd ignores it then);
    /// a delete's is the ETag exactly as given (never parsed, so never invalid), or "0" without one. "0" means
    /// "unconditional". Only a plain set (not a transaction's upsert) under first-write marks the key.
    /// </summary>
    public static ScriptWrite For(StateWrite w, bool inTransaction)
    {
        if (w.IsDelete) return new(w, w.HasEtag ? w.Etag! : "0", false);
        var expected = "0";
        if (w.HasEtag && !w.LastWrite)
        {
            if (!EtagException.TryParse(w.Etag!, out var v)) throw EtagException.Invalid(w.Etag!);
            expected = v.ToString(CultureInfo.InvariantCulture);
        }
        return new(w, expected, w.FirstWrite && !inTransaction);
    }

    /// <summary>
    /// daprd's scripts: a missing key (or one without a version) always passes; a matching version passes; without
    /// an expected version a delete passes, and a set passes unless the key carries the first-write mark.
    /// </summary>
    public bool Passes(string? version, bool markedFirstWrite) =>
        string.IsNullOrEmpty(version) || version == Expected || (Expected == "0" && (Write.IsDelete || !markedFirstWrite));

    /// <summary>daprd wraps a refused delete, or a refused set that had an ETag, as an ETag mismatch.</summary>
    public EtagException Refusal() =>
        Write.IsDelete || Write.HasEtag ? EtagException.Mismatch() : EtagException.FirstWrite(Write.Key);
}
