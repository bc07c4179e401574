using DaprShop.Notifications.Domain;
using DaprShop.ServiceDefaults.Data;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Notifications.Data;

/// <summary>
/// The notifications database: contacts, preferences, tenant templates and senders, the orders it has heard of, the
/// messages with their delivery log, and the kit's processed events (tenant-owned: every query filtered to the current
/// tenant, failing closed).
/// </summary>
internal sealed class NotificationsDb(DbContextOptions<NotificationsDb> options, ITenantContext tenant) : DbContext(options), ITenantScopedDbContext
{
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Preference> Preferences => Set<Preference>();
    public DbSet<MessageTemplate> Templates => Set<MessageTemplate>();
    public DbSet<SenderIdentity> Senders => Set<SenderIdentity>();
    public DbSet<KnownOrder> Orders => Set<KnownOrder>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<DeliveryAttempt> Attempts => Set<DeliveryAttempt>();

    public Guid? CurrentTenantId => tenant.TenantId;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NotificationsDb).Assembly);
        modelBuilder.AddOutbox().AddProcessedEvents();
        modelBuilder.ApplyTenantIsolation(this);
    }
}
