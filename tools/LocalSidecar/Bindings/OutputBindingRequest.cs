namespace DaprShop.LocalSidecar.Bindings;

/// <summary>One output binding invocation as the app made it, and what came of it.</summary>
public sealed record OutputBindingRequest(
    string AppId,
    string Binding,
    string Operation,
    byte[] Data,
    IReadOnlyDictionary<string, string> Metadata,
    string Outcome);

/// <summary>A mail an SMTP output binding sent (the server accepted it).</summary>
public sealed record SentEmail(string Binding, string From, string To, string Cc, string Bcc, string Subject, string Body, string Priority);

/// <summary>What an output binding answered.</summary>
public sealed record OutputBindingResponse(byte[] Data, IReadOnlyDictionary<string, string> Metadata);

/// <summary>An output binding call the component refused; daprd wraps it as ERR_INVOKE_OUTPUT_BINDING.</summary>
public sealed class OutputBindingException(string message) : Exception(message);
