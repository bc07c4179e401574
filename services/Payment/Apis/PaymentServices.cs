using DaprShop.Payment.Data;
using DaprShop.Payment.Processing;
using DaprShop.Payment.Providers;
using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Payment.Apis;

/// <summary>What the payment endpoints need, as one <c>[AsParameters]</c> argument.</summary>
internal sealed record PaymentServices(
    PaymentDb Db,
    PaymentProcessor Processor,
    IPaymentProvider Provider,
    ITenantContext Tenant,
    TimeProvider Clock,
    HttpContext Http,
    CancellationToken CancellationToken)
{
    public Guid TenantId => Tenant.TenantId ?? throw new TenantIsolationException("no tenant in context");
}
