namespace DaprShop.LocalSidecar.PubSub;

/// <summary>
/// A message as the broker holds it: the bytes daprd handed the component (a CloudEvent JSON, or the
/// raw payload when published with <c>rawPayload=true</c>) and the publish metadata that travels with it.
/// </summary>
internal sealed record BrokerMessage(string Pubsub, string Topic, byte[] Data, IReadOnlyDictionary<string, string> Metadata);
