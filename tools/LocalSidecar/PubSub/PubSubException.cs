using Grpc.Core;

namespace DaprShop.LocalSidecar.PubSub;

/// <summary>
/// A pub/sub API refusal carrying what daprd answers on each transport: the gRPC status, the HTTP
/// status and the <c>errorCode</c> of the HTTP error body (pkg/api/errors/pubsub.go).
/// </summary>
public sealed class PubSubException(StatusCode grpcCode, int httpStatus, string errorCode, string message) : Exception(message)
{
    public StatusCode GrpcCode { get; } = grpcCode;
    public int HttpStatus { get; } = httpStatus;
    public string ErrorCode { get; } = errorCode;

    internal static PubSubException NotFound(string pubsub) =>
        new(StatusCode.InvalidArgument, 404, "ERR_PUBSUB_NOT_FOUND", $"pubsub {pubsub} is not found");

    internal static PubSubException NameEmpty() =>
        new(StatusCode.InvalidArgument, 404, "ERR_PUBSUB_EMPTY", "pubsub name is empty");

    internal static PubSubException TopicEmpty(string pubsub) =>
        new(StatusCode.InvalidArgument, 404, "ERR_TOPIC_NAME_EMPTY", $"topic is empty in pubsub {pubsub}");

    /// <summary>daprd's answer when the broker refuses a publish (here: an injected fault).</summary>
    internal static PubSubException PublishFailed(string pubsub, string topic, string detail) =>
        new(StatusCode.Internal, 500, "ERR_PUBSUB_PUBLISH_MESSAGE", $"error when publish to topic {topic} in pubsub {pubsub}: {detail}");

    internal static PubSubException Forbidden(string topic, string appId) =>
        new(StatusCode.PermissionDenied, 403, "ERR_PUBSUB_FORBIDDEN", $"topic {topic} is not allowed for app id {appId}");

    internal static PubSubException BadMetadata(string detail) =>
        new(StatusCode.InvalidArgument, 400, "ERR_PUBSUB_REQUEST_METADATA", $"failed deserializing metadata. Error: {detail}");

    internal static PubSubException CloudEventCreation() =>
        new(StatusCode.InvalidArgument, 500, "ERR_PUBSUB_CLOUD_EVENTS_SER", "cannot create cloudevent");

    internal static PubSubException BadEntries(string pubsub, string topic, string detail) =>
        new(StatusCode.InvalidArgument, 400, "ERR_PUBSUB_EVENTS_SER",
            $"error marshaling events to bytes for topic {topic} pubsub {pubsub}. error: {detail}");

    internal static PubSubException Stopping(string pubsub, string topic) =>
        new(StatusCode.Internal, 500, "ERR_PUBSUB_PUBLISH_MESSAGE",
            $"error when publishing to topic {topic} in pubsub {pubsub}: the cluster is shutting down");
}
