namespace DaprShop.LocalSidecar.PubSub;

/// <summary>One event an app asked its sidecar to publish (gRPC PublishEvent, HTTP publish, or one bulk entry).</summary>
internal sealed record Publication(string Pubsub, string Topic, byte[] Data, string? ContentType, IReadOnlyDictionary<string, string> Metadata);

/// <summary>One entry of a bulk publish request.</summary>
internal sealed record BulkEntry(string EntryId, byte[] Event, string? ContentType, IReadOnlyDictionary<string, string> Metadata);

/// <summary>An entry the broker could not accept, with daprd's error text.</summary>
internal sealed record BulkFailure(string EntryId, string Error);
