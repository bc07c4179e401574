namespace DaprShop.Contracts.Payment;

/// <summary>
/// payment's service routes for ordering's saga, through Dapr invocation of app <c>payment</c> with the tenant in
/// <c>X-Tenant-ID</c> and no user token. Every one is idempotent by order id (refunds by <c>Idempotency-Key</c>).
/// </summary>
public static class PaymentRoutes
{
    public const string AppId = "payment";

    /// <summary><c>POST</c> <see cref="AuthorizePaymentRequest"/> → 201 (first time) or 200 (same order again), <see cref="PaymentResponse"/>.</summary>
    public const string Authorize = "/internal/v1/payments";

    /// <summary><c>GET</c> → <see cref="PaymentResponse"/> or 404.</summary>
    public static string Payment(Guid orderId) => $"/internal/v1/payments/{orderId}";

    /// <summary><c>POST</c> <see cref="CapturePaymentRequest"/> (or no body: the authorised amount) → <see cref="PaymentResponse"/>.</summary>
    public static string Capture(Guid orderId) => $"/internal/v1/payments/{orderId}/capture";

    /// <summary><c>POST</c>, no body → <see cref="PaymentResponse"/>; releases the authorisation.</summary>
    public static string Void(Guid orderId) => $"/internal/v1/payments/{orderId}/void";

    /// <summary><c>POST</c> <see cref="RefundPaymentRequest"/> with <c>Idempotency-Key</c> → 201/200 <see cref="RefundResponse"/>.</summary>
    public static string Refunds(Guid orderId) => $"/internal/v1/payments/{orderId}/refunds";
}
