namespace DaprShop.Notifications.Delivery;

/// <summary>The <c>From</c> of a mail: <c>"Name" &lt;address&gt;</c> (the validators keep quotes and line breaks out of both).</summary>
internal static class SenderAddress
{
    public static string Format(string name, string address) =>
        string.IsNullOrWhiteSpace(name) ? address : $"\"{name.Replace("\"", "", StringComparison.Ordinal)}\" <{address}>";
}
