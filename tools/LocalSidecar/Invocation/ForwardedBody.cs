namespace DaprShop.LocalSidecar.Invocation;

/// <summary>
/// The caller's request body on its way to the app. Large bodies and bodies of unknown length (chunked) are read
/// first (up to <see cref="MaxBuffered"/>), so that the app gets a Content-Length and a 100-continue handshake: an app
/// that refuses a body by its size (a request size limit) then answers before any of it is sent, and the caller gets
/// that answer — as daprd's Go client returns an early answer — instead of a broken pipe. A body a retry policy may
/// replay is read whole; small bodies stream through.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The stream is the caller's request body (ASP.NET Core owns it) or wraps it.")]
internal sealed class ForwardedBody
{
    /// <summary>Bodies above this size are sent after the app's 100-continue.</summary>
    public const long Large = 64 * 1024;

    /// <summary>Larger bodies stream through unread (what was read first is sent ahead of the rest).</summary>
    public const long MaxBuffered = 32 * 1024 * 1024;

    byte[]? _bytes;
    Stream? _stream;

    public static readonly ForwardedBody None = new();

    /// <summary>Whether the body can be sent again (a retry): it was read whole, or there is none.</summary>
    public bool Replayable => _stream is null;

    public static async Task<ForwardedBody> ReadAsync(HttpRequest request, bool forReplay)
    {
        var chunked = request.ContentLength is null && request.Headers.TransferEncoding.Count > 0;
        if (request.ContentLength is null or 0 && !chunked) return None;
        if (!forReplay && !chunked && request.ContentLength <= Large) return new ForwardedBody { _stream = request.Body };

        var limit = forReplay ? long.MaxValue : MaxBuffered;
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                buffer.Position = 0;
                return new ForwardedBody { _stream = new PrefixedStream(buffer, request.Body) };
            }
        }
        return new ForwardedBody { _bytes = buffer.ToArray() };
    }

    /// <summary>Content for one attempt (null: no body); a streamed body can be sent once only.</summary>
    public HttpContent? CreateContent()
    {
        if (_bytes is not null) return new ByteArrayContent(_bytes);
        var stream = _stream;
        _stream = null;
        return stream is null ? null : new StreamContent(stream);
    }

    /// <summary>What was read first, then the rest of the caller's body.</summary>
    sealed class PrefixedStream(MemoryStream prefix, Stream rest) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await prefix.ReadAsync(buffer, cancellationToken);
            return n > 0 ? n : await rest.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
