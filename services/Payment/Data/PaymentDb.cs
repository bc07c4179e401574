using System.Text.RegularExpressions;
using DaprShop.Payment.Domain;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Payment.Data;

/// <summary>
/// The payment database: payment methods (tokens, brand, last four), payments, refunds (all tenant-owned: every query
/// filtered to the current tenant, failing closed), the webhook events already applied, and the kit's outbox.
/// No column anywhere holds a card number or a security code.
/// </summary>
internal sealed partial class PaymentDb(DbContextOptions<PaymentDb> options, ITenantContext tenant) : DbContext(options), ITenantScopedDbContext
{
    public DbSet<PaymentMethod> PaymentMethods => Set<PaymentMethod>();
    public DbSet<Domain.Payment> Payments => Set<Domain.Payment>();
    public DbSet<Refund> Refunds => Set<Refund>();
    public DbSet<ProcessedWebhook> ProcessedWebhooks => Set<ProcessedWebhook>();

    public Guid? CurrentTenantId => tenant.TenantId;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PaymentDb).Assembly);
        // snake_case for this service's own tables, so the conditional UPDATEs read as plain SQL in logs; the kit's
        // tables keep their names, and xmin stays the system column.
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace == typeof(PaymentMethod).Namespace))
            foreach (var property in entity.GetProperties().Where(p => !p.IsConcurrencyToken))
                property.SetColumnName(UpperAfterLower().Replace(property.Name, "$1_$2").ToLowerInvariant());
        modelBuilder.AddOutbox().AddProcessedEvents();
        modelBuilder.ApplyTenantIsolation(this);
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex UpperAfterLower();
}
