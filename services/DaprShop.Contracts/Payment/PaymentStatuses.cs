namespace DaprShop.Contracts.Payment;

/// <summary>The <c>status</c> of a payment as payment's APIs answer it.</summary>
public static class PaymentStatuses
{
    /// <summary>Sent to the provider; no answer yet (a retry of the same order resumes it).</summary>
    public const string Authorizing = "authorizing";

    /// <summary>The provider answers asynchronously (a webhook will say authorised or failed).</summary>
    public const string Pending = "pending";

    /// <summary>The amount is held on the card; capture or void next.</summary>
    public const string Authorized = "authorized";

    public const string Capturing = "capturing";
    public const string Captured = "captured";

    /// <summary>Captured, and part of it refunded.</summary>
    public const string PartiallyRefunded = "partially_refunded";

    /// <summary>Captured, and all of it refunded.</summary>
    public const string Refunded = "refunded";

    public const string Voiding = "voiding";
    public const string Voided = "voided";

    /// <summary>Declined at authorisation or capture; <c>failureCode</c> says why. Nothing is held or charged.</summary>
    public const string Failed = "failed";
}
