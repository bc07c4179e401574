using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DaprShop.LocalSidecar.PubSub;

/// <summary>
/// The W3C trace context daprd stamps on a published CloudEvent: the span it starts for the publish
/// call, a child of the caller's <c>traceparent</c> (or gRPC <c>grpc-trace-bin</c>) when one came in.
/// </summary>
internal sealed partial record TraceContext(string TraceParent, string TraceState)
{
    public static TraceContext ChildOf(string? traceparent, byte[]? grpcTraceBin, string? tracestate)
    {
        var span = ActivitySpanId.CreateRandom().ToHexString();
        if (traceparent is not null && W3C().Match(traceparent.Trim()) is { Success: true } m)
            return new($"00-{m.Groups[1].Value}-{span}-{m.Groups[2].Value}", tracestate ?? "");
        // grpc-trace-bin: version 0, field 0 + 16-byte trace id, field 1 + 8-byte span id, field 2 + options byte.
        if (grpcTraceBin is { Length: 29 } b && b[0] == 0 && b[1] == 0 && b[18] == 1 && b[27] == 2)
            return new($"00-{Convert.ToHexStringLower(b, 2, 16)}-{span}-{b[28] & 1:x2}", tracestate ?? "");
        // No incoming context: daprd roots a new trace; without a tracing configuration it is not sampled.
        return new($"00-{ActivityTraceId.CreateRandom().ToHexString()}-{span}-00", "");
    }

    [GeneratedRegex("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-([0-9a-f]{2})$")]
    private static partial Regex W3C();
}
