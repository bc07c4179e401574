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

    /// <summary>A context acting for <paramref name="tenant"/> (or for no tenant), as one request scope would.</summary>
    public static NotesDb Open(string connectionString, Guid? tenant)
    {
        var context = new TenantContext();
        if (tenant is { } t) context.Set(t);
        return new(new DbContextOptionsBuilder<NotesDb>().UseNpgsql(connectionString).AddInterceptors(new TenantStampingInterceptor()).Options, context);
    }

    /// <summary>Creates the test-only schema once and empties it; services apply checked-in migrations instead.</summary>
    public static async Task ResetAsync(string connectionString, CancellationToken ct)
    {
        await using var db = Open(connectionString, null);
        await db.Database.EnsureCreatedAsync(ct);
        await db.Database.ExecuteSqlRawAsync("TRUNCATE notes, processed_events, outbox_messages", ct);
    }
}
