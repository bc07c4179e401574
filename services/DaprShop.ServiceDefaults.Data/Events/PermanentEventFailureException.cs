namespace DaprShop.ServiceDefaults.Events;

/// <summary>
/// Thrown by a handler for an event it can never apply (it names something that cannot exist, say): the delivery is
/// dropped and logged instead of retried. Any other exception is taken as transient and the broker redelivers.
/// </summary>
public sealed class PermanentEventFailureException(string message, Exception? inner = null) : Exception(message, inner);
