using DaprShop.Notifications.Domain;

namespace DaprShop.Notifications.Templates;

/// <summary>A template: the subject line (email only) and the body, both Liquid.</summary>
internal sealed record TemplateText(string? Subject, string Body);

/// <summary>
/// The built-in template of every kind and channel, used unless the tenant has its own. Model: <c>user.email</c>,
/// <c>shop.name</c>, <c>shop.url</c>, <c>order.number</c>, <c>order.id</c>, <c>tracking.carrier</c>,
/// <c>tracking.number</c>, <c>tracking.url</c>, <c>payment.amount</c>, <c>payment.currency</c>, <c>payment.reason</c>,
/// <c>refund.amount</c>, <c>refund.currency</c>, <c>refund.full</c>, <c>delivered_at</c>.
/// </summary>
internal static class DefaultTemplates
{
    static readonly Dictionary<string, (string Subject, string Email, string Short)> ByKind = new(StringComparer.Ordinal)
    {
        [MessageKinds.Welcome] = (
            "Welcome to {{ shop.name }}",
            "<p>Hello {{ user.email }},</p><p>welcome to {{ shop.name }}! Your account is ready: <a href=\"{{ shop.url }}\">start shopping</a>.</p>",
            "Welcome to {{ shop.name }}! Your account is ready."),
        [MessageKinds.OrderConfirmed] = (
            "Your order {{ order.number }} is confirmed",
            "<p>Thank you for your order {{ order.number }}.</p><p>It is confirmed and paid; we will tell you when it ships.</p>",
            "{{ shop.name }}: order {{ order.number }} is confirmed."),
        [MessageKinds.OrderShipped] = (
            "Your order {{ order.number }} has shipped",
            "<p>Your order {{ order.number }} is on its way with {{ tracking.carrier }}.</p><p>Tracking number {{ tracking.number }}: <a href=\"{{ tracking.url }}\">follow your parcel</a>.</p>",
            "{{ shop.name }}: order {{ order.number }} shipped. Track it: {{ tracking.url }}"),
        [MessageKinds.OrderDelivered] = (
            "Your order {{ order.number }} was delivered",
            "<p>Your order {{ order.number }} was delivered. We hope you enjoy it!</p>",
            "{{ shop.name }}: order {{ order.number }} was delivered."),
        [MessageKinds.PaymentFailed] = (
            "Payment for your order {{ order.number }} failed",
            "<p>We could not take the payment of {{ payment.amount }} {{ payment.currency }} for your order {{ order.number }}: {{ payment.reason }}.</p><p>Nothing was charged.</p>",
            "{{ shop.name }}: payment for order {{ order.number }} failed ({{ payment.reason }}). Nothing was charged."),
        [MessageKinds.Refund] = (
            "Refund for your order {{ order.number }}",
            "<p>We refunded {{ refund.amount }} {{ refund.currency }} for your order {{ order.number }}{% if refund.full %} in full{% endif %}.</p><p>It reaches your card within a few days.</p>",
            "{{ shop.name }}: {{ refund.amount }} {{ refund.currency }} refunded for order {{ order.number }}."),
    };

    public static TemplateText For(string kind, string channel)
    {
        var t = ByKind[kind];
        return channel switch
        {
            Channels.Email => new TemplateText(t.Subject, t.Email),
            Channels.Sms => new TemplateText(null, t.Short),
            _ => new TemplateText(t.Subject, t.Short),
        };
    }
}
