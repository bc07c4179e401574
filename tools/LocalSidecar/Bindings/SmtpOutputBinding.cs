using System.Globalization;
using System.Net.Sockets;
using System.Text;
using DaprShop.LocalSidecar.Resources;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace DaprShop.LocalSidecar.Bindings;

/// <summary>
/// <c>bindings.smtp</c> (operation <c>create</c>), as components-contrib's <c>bindings/smtp</c> does it: sender, recipients
/// (<c>;</c>-separated), subject and priority from request metadata over component metadata, each required one checked;
/// the data unquoted when it is a quoted string (what the HTTP API hands over) and used as is otherwise (gRPC), as the
/// HTML body; then a real SMTP conversation with the component's <c>host</c>:<c>port</c>: STARTTLS when the server offers
/// it (TLS from the start on 465), the certificate not checked with <c>skipTLSVerify</c>, a login when <c>user</c> and
/// <c>password</c> are set (one without the other is refused). A server that cannot be reached or refuses the mail is a
/// failed binding call; a sent mail is also kept in the cluster's outbox for tests.
/// </summary>
internal sealed class SmtpOutputBinding(ComponentSpec component)
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<SentEmail> SendAsync(string operation, byte[] data, IReadOnlyDictionary<string, string> metadata, CancellationToken ct)
    {
        var mail = Resolve(operation, data, metadata);
        var host = component.Meta("host");
        if (string.IsNullOrEmpty(host) || !int.TryParse(component.Meta("port"), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new OutputBindingException("smtp binding error: host and port fields are required in metadata");
        var user = component.Meta("user") ?? "";
        var password = component.Meta("password") ?? "";
        if (user.Length == 0 != (password.Length == 0))
            throw new OutputBindingException("smtp binding error: both user and password fields are required in metadata");

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(mail.From));
        AddAll(message.To, mail.To);
        AddAll(message.Cc, mail.Cc);
        AddAll(message.Bcc, mail.Bcc);
        message.Subject = mail.Subject;
        message.Headers.Add("X-Priority", mail.Priority);
        message.Body = new TextPart(MimeKit.Text.TextFormat.Html) { Text = mail.Body };

        using var smtp = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
#pragma warning disable CA5359 // skipTLSVerify is the component's explicit opt-out (a development server's self-signed certificate), as in daprd.
        if (component.MetaFlag("skipTLSVerify")) smtp.ServerCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        try
        {
            await smtp.ConnectAsync(host, port, port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable, ct);
            if (user.Length > 0) await smtp.AuthenticateAsync(user, password, ct);
            await smtp.SendAsync(message, ct);
            await smtp.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or AuthenticationException or SslHandshakeException
                                       or SocketException or IOException or ServiceNotConnectedException or TimeoutException)
        {
            var reply = e is SmtpCommandException refused ? $"{(int)refused.StatusCode} " : "";
            throw new OutputBindingException($"error from smtp binding, sending email failed: {host}:{port}: {reply}{e.Message}");
        }
        return mail;
    }

    SentEmail Resolve(string operation, byte[] data, IReadOnlyDictionary<string, string> metadata)
    {
        if (!string.Equals(operation, "create", StringComparison.OrdinalIgnoreCase))
            throw new OutputBindingException($"smtp binding error: operation {operation} not supported");
        string Get(string key) => metadata.TryGetValue(key, out var v) && v.Length > 0 ? v : component.Meta(key) ?? "";
        var from = Get("emailFrom");
        var to = Get("emailTo");
        if (from.Length == 0) throw new OutputBindingException("smtp binding error: emailFrom property not supplied in configuration- or request-metadata");
        if (to.Length == 0) throw new OutputBindingException("smtp binding error: emailTo property not supplied in configuration- or request-metadata");
        if (Get("subject").Length == 0) throw new OutputBindingException("smtp binding error: subject property not supplied in configuration- or request-metadata");
        var priority = Get("priority");
        if (priority.Length > 0 && !(int.TryParse(priority, out var p) && p is >= 1 and <= 5))
            throw new OutputBindingException($"smtp binding error: priority value must be between 1 (highest) and 5 (lowest), got: {priority}");
        var mail = new SentEmail(component.Name, from, to, Get("emailCC"), Get("emailBCC"), Get("subject"), Body(data),
            priority.Length > 0 ? priority : "3");
        foreach (var address in new[] { mail.From }.Concat(Split(mail.To)).Concat(Split(mail.Cc)).Concat(Split(mail.Bcc)))
            if (!MailboxAddress.TryParse(address, out _))
                throw new OutputBindingException($"smtp binding error: invalid address '{address}'");
        return mail;
    }

    /// <summary>Go's <c>strconv.Unquote</c> of the data, as daprd tries first; the raw text when it is not a quoted string.</summary>
    static string Body(byte[] data)
    {
        var text = Encoding.UTF8.GetString(data);
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"') return text;
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<string>(text) ?? text;
        }
        catch (System.Text.Json.JsonException)
        {
            return text;
        }
    }

    static string[] Split(string addresses) =>
        addresses.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    static void AddAll(InternetAddressList list, string addresses)
    {
        foreach (var address in Split(addresses)) list.Add(MailboxAddress.Parse(address));
    }
}
