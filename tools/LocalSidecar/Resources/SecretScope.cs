namespace DaprShop.LocalSidecar.Resources;

/// <summary>
/// <c>Configuration.spec.secrets.scopes[]</c>: which secrets of a store an app may read.
/// Dapr: allowedSecrets wins when given; otherwise deniedSecrets; defaultAccess applies to the rest.
/// </summary>
public sealed record SecretScope(string StoreName, bool DefaultAllow, IReadOnlyList<string> Allowed, IReadOnlyList<string> Denied)
{
    public bool Permits(string key) =>
        Allowed.Count > 0 ? Allowed.Contains(key, StringComparer.Ordinal)
        : Denied.Contains(key, StringComparer.Ordinal) ? false
        : DefaultAllow;
}
