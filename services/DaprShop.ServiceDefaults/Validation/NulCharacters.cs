using System.Collections;
using System.Reflection;

namespace DaprShop.ServiceDefaults.Validation;

/// <summary>
/// Finds NUL characters in what a client sent. PostgreSQL refuses U+0000 in text, so a NUL that reaches a query is a
/// 500; refusing it at the edge makes it the client's validation problem, once for every service.
/// </summary>
public static class NulCharacters
{
    const int MaxDepth = 8;

    /// <summary>camelCase paths of the string members (at any depth) of <paramref name="value"/> that hold a NUL.</summary>
    public static List<string> FindIn(object? value)
    {
        var found = new List<string>();
        Walk(value, "", 0, found);
        return found;
    }

    public static bool In(string? s) => s is not null && s.Contains('\0', StringComparison.Ordinal);

    static void Walk(object? value, string path, int depth, List<string> found)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                if (In(s)) found.Add(path);
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry e in dictionary)
                {
                    var key = Join(path, e.Key.ToString() ?? "");
                    if (e.Key is string k && In(k)) found.Add(key);
                    if (depth < MaxDepth) Walk(e.Value, key, depth + 1, found);
                }
                return;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items)
                {
                    if (depth < MaxDepth) Walk(item, $"{path}[{i}]", depth + 1, found);
                    i++;
                }
                return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is decimal or Guid or DateTime or DateTimeOffset or TimeSpan || depth >= MaxDepth) return;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || !property.CanRead) continue;
            var t = property.PropertyType;
            if (t != typeof(string) && (t.IsValueType || t == typeof(Type))) continue;
            Walk(property.GetValue(value), Join(path, CamelCase(property.Name)), depth + 1, found);
        }
    }

    static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
