using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace DaprShop.Testing.Mail;

/// <summary>A mail that went over SMTP to the <see cref="MailCatcher"/>, as the server received it.</summary>
public sealed record CaughtMail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, MimeMessage Message)
{
    public string From => Message.From.Mailboxes.FirstOrDefault()?.Address ?? "";
    public string FromName => Message.From.Mailboxes.FirstOrDefault()?.Name ?? "";
    public IReadOnlyList<string> To => [.. Message.To.Mailboxes.Select(m => m.Address)];
    public string Subject => Message.Subject ?? "";

    /// <summary>The HTML body if there is one, else the text body.</summary>
    public string Body => Message.HtmlBody ?? Message.TextBody ?? "";
}

/// <summary>
/// A real SMTP server in the test process (the <c>SmtpServer</c> package) on 127.0.0.1 and a free port: what the
/// local sidecar's <c>bindings.smtp</c> talks to in tests, so a test reads the mails that really went over SMTP. It can
/// refuse mail (a 554 at the end of DATA, as a server that is failing does) to exercise retries and dead letters.
/// Point a component at it with <see cref="Dapr.TestDapr.SetComponentMetadata"/> (<c>host</c>, <c>port</c>).
/// </summary>
public sealed class MailCatcher : IAsyncDisposable
{
    readonly ConcurrentQueue<CaughtMail> _mails = new();
    readonly SmtpServer.SmtpServer _server;
    readonly Task _running;
    int _refuseNext;
    volatile bool _refuseAll;

    MailCatcher(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("mail-catcher.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(CancellationToken.None);
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>Every mail accepted so far, in arrival order.</summary>
    public IReadOnlyList<CaughtMail> Mails => [.. _mails];

    /// <summary>Mails accepted for <paramref name="address"/> (an envelope recipient).</summary>
    public IReadOnlyList<CaughtMail> To(string address) =>
        [.. _mails.Where(m => m.EnvelopeTo.Contains(address, StringComparer.OrdinalIgnoreCase))];

    /// <summary>How many delivery attempts the server refused.</summary>
    public int Refused => Volatile.Read(ref _refused);

    int _refused;

    public static async Task<MailCatcher> StartAsync()
    {
        var catcher = new MailCatcher(FreePort());
        // StartAsync binds in the background: wait until a connection is accepted.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, catcher.Port).ConfigureAwait(false);
                return catcher;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Refuses every mail until <see cref="Accept"/>.</summary>
    public void RefuseAll() => _refuseAll = true;

    /// <summary>Refuses the next <paramref name="count"/> mails, then accepts again.</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref _refuseNext, count);

    /// <summary>Accepts mail again.</summary>
    public void Accept()
    {
        _refuseAll = false;
        Interlocked.Exchange(ref _refuseNext, 0);
    }

    /// <summary>
    /// Waits until <paramref name="count"/> mails for <paramref name="address"/> arrived, and returns them. 30 s by
    /// default: a mail is the end of a chain (event, redelivery back-off, rendering, SMTP) on a loaded machine.
    /// </summary>
    public async Task<IReadOnlyList<CaughtMail>> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(() => To(address).Count >= count, $"{count} mail(s) to {address} arrived", timeout ?? TimeSpan.FromSeconds(30))
            .ConfigureAwait(false);
        return To(address);
    }

    bool ShouldRefuse()
    {
        if (_refuseAll) return true;
        while (true)
        {
            var left = Volatile.Read(ref _refuseNext);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref _refuseNext, left - 1, left) == left) return true;
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        try
        {
            await _server.ShutdownTask.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            await _running.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // A session the client never closed; the test process ends it.
        }
    }

    sealed class Store(MailCatcher catcher) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (catcher.ShouldRefuse())
            {
                Interlocked.Increment(ref catcher._refused);
                return Task.FromResult(new SmtpResponse(SmtpReplyCode.TransactionFailed, "mail catcher: refusing mail as told"));
            }
            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, cancellationToken);
            catcher._mails.Enqueue(new CaughtMail(
                transaction.From.AsAddress(),
                [.. transaction.To.Select(t => t.AsAddress())],
                message));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
