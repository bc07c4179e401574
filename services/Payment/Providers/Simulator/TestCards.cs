namespace DaprShop.Payment.Providers.Simulator;

/// <summary>What the simulator does with a card, decided from its number when it is tokenised (the number is then dropped).</summary>
internal enum CardBehaviour
{
    Approve,
    Decline,
    InsufficientFunds,
    ExpiredCard,
    PendingThenApprove,
    PendingThenDecline,
    CaptureFails,
    ProcessingError,
}

/// <summary>
/// The test cards, in the style of Stripe's: a number picks the outcome. Any other Luhn-valid number of a known brand
/// is approved. Kept in the README's table.
/// </summary>
internal static class TestCards
{
    public static readonly IReadOnlyDictionary<string, CardBehaviour> Special = new Dictionary<string, CardBehaviour>(StringComparer.Ordinal)
    {
        ["4000000000000002"] = CardBehaviour.Decline,
        ["4000000000009995"] = CardBehaviour.InsufficientFunds,
        ["4000000000000069"] = CardBehaviour.ExpiredCard,
        ["4000000000003220"] = CardBehaviour.PendingThenApprove,
        ["4000008400001629"] = CardBehaviour.PendingThenDecline,
        ["4000000000000341"] = CardBehaviour.CaptureFails,
        ["4000000000000119"] = CardBehaviour.ProcessingError,
    };

    public static CardBehaviour BehaviourOf(string digits) => Special.GetValueOrDefault(digits, CardBehaviour.Approve);
}
