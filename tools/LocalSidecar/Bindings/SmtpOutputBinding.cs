using System.Text;
using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.Bindings;

/// <summary>
/// <c>bindings.smtp</c> (operation <c>create</c>): resolves sender, recipients, subject and priority from
/// request metadata over component metadata, with the component's validation, and hands the mail to the
/// cluster's outbox instead of an SMTP server — no mail leaves the machine.
/// </summary>
internal sealed class SmtpOutputBinding(ComponentSpec component)
{
    public SentEmail Send(string operation, byte[] data, IReadOnlyDictionary<string, string> metadata)
    {
        if (!string.Equals(operation, "create", StringComparison.OrdinalIgnoreCase))
            throw new OutputBindingException($"smtp binding error: operation {operation} not supported");
        string Get(string key) => metadata.TryGetValue(key, out var v) && v.Length > 0 ? v : component.Meta(key) ?? "";
        var from = Get("emailFrom");
        var to = Get("emailTo");
        if (from.Length == 0) throw new OutputBindingException("smtp binding error: emailFrom property not supplied in configuration- or request-metadata");
        if (to.Length == 0) throw new OutputBindingException("smtp binding error: emailTo property not supplied in configuration- or request-metadata");
        var priority = Get("priority");
        if (priority.Length > 0 && !(int.TryParse(priority, out var p) && p is >= 1 and <= 5))
            throw new OutputBindingException($"smtp binding error: priority value must be between 1 (highest) and 5 (lowest), got: {priority}");
        return new SentEmail(component.Name, from, to, Get("emailCC"), Get("emailBCC"), Get("subject"), Encoding.UTF8.GetString(data),
            priority.Length > 0 ? priority : "3");
    }
}
