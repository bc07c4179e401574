using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Payment.Domain;

/// <summary>
/// A card a customer added: the provider's token and what a person needs to recognise the card. Never the number or
/// the CVC: those go to the provider once, when the card is tokenised, and nowhere else.
/// </summary>
internal sealed class PaymentMethod : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public string Token { get; set; } = "";
    public string Brand { get; set; } = "";
    public string Last4 { get; set; } = "";
    public int ExpMonth { get; set; }
    public int ExpYear { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
