using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.State;

/// <summary>
/// daprd's <c>keyPrefix</c> strategy for a state component: <c>appid</c> (default) → <c>appid||key</c>,
/// <c>name</c> → <c>storename||key</c>, <c>none</c> → <c>key</c>, anything else → <c>value||key</c>.
/// </summary>
public readonly record struct StateKeys(ComponentSpec Component, string AppId)
{
    public string Prefixed(string key) => (Component.Meta("keyPrefix") ?? "appid").ToLowerInvariant() switch
    {
        "appid" => $"{AppId}||{key}",
        "name" => $"{Component.Name}||{key}",
        "none" => key,
        _ => $"{Component.Meta("keyPrefix")}||{key}",
    };
}
