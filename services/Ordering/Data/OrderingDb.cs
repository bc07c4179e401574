using DaprShop.Ordering.Domain;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Ordering.Data;

/// <summary>
/// The ordering database: orders, their lines and status history, idempotency keys, the per-tenant order-number
/// sequences and the per-user placement counters (all tenant-owned: filtered to the current tenant, failing closed),
/// the processed-event ids and the outbox. Status moves and counters change only by conditional SQL
/// (<see cref="OrderCommands"/>), never by a read-modify-write in C#.
/// </summary>
internal sealed class OrderingDb(DbContextOptions<OrderingDb> options, ITenantContext tenant) : DbContext(options), ITenantScopedDbContext
{
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<OrderStatusChange> History => Set<OrderStatusChange>();
    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();
    public DbSet<OrderSequence> Sequences => Set<OrderSequence>();
    public DbSet<PlacementCounter> PlacementCounters => Set<PlacementCounter>();

    // Re-read at every query execution, so a tenant set after the context was created still applies.
    public Guid? CurrentTenantId => tenant.TenantId;

    /// <summary>The tenant the hand-written SQL acts for; none in context is an error, never "all tenants".</summary>
    public Guid RequireTenant() => tenant.TenantId ?? throw new TenantIsolationException("ordering: no tenant in context");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OrderingDb).Assembly);
        modelBuilder.AddOutbox().AddProcessedEvents();
        modelBuilder.ApplyTenantIsolation(this);
    }
}
