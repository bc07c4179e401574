using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.State;

/// <summary>
/// daprd's <c>keyPrefix</c> strategy for a state component: <c>appid</c> (default) → <c>appid||key</c>,
/// <c>name</c> → <c>storename||key</c>, <c>none</c> → <c>key</c>, <c>namespace</c> → as <c>appid</c> (self-hosted
/// daprd has no namespace), anything else → <c>value||key</c>.
/// </summary>
public readonly record struct StateKeys(ComponentSpec Component, string AppId)
{
    public string Prefixed(string key) => (Component.Meta("keyPrefix") ?? "appid").ToLowerInvariant() switch
    {
        "appid" or "namespace" => $"{AppId}||{key}",
        "name" => $"{Component.Name}||{key}",
        "none" => key,
        _ => $"{Component.Meta("keyPrefix")}||{key}",
    };

    /// <summary>daprd refuses keys containing its separator before they reach the store.</summary>
    public static string? IllegalKeyReason(string key) =>
        key.Contains("||", StringComparison.Ordinal) ? $"input key/keyPrefix '{key}' can't contain '||'" : null;
}
