using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.ServiceDefaults.Tests;

public sealed class NotesDb(DbContextOptions<NotesDb> options, ITenantContext tenant) : DbContext(options), ITenantScopedDbContext
{
    public DbSet<Note> Notes => Set<Note>();

    public Guid? CurrentTenantId => tenant.TenantId;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>().ToTable("notes");
        modelBuilder.AddProcessedEvents();
        modelBuilder.AddOutbox();
        modelBuilder.ApplyTenantIsolation(this);
    }

    public static NotesDb Open(string connectionString, ITenantContext tenant) =>
        new(new DbContextOptionsBuilder<NotesDb>().UseNpgsql(connectionString).AddInterceptors(new TenantStampingInterceptor()).Options, tenant);
}
