using DaprShop.Reviews.Domain;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Reviews.Data.Postgres;

/// <summary>
/// The reviews database: reviews, purchases, helpful votes, rating summaries and blocked-word lists (all tenant-owned:
/// every LINQ query filtered to the current tenant, failing closed), the kit's outbox and processed-event records.
/// </summary>
internal sealed class ReviewsDb(DbContextOptions<ReviewsDb> options, ITenantContext tenant) : DbContext(options), ITenantScopedDbContext
{
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<Purchase> Purchases => Set<Purchase>();
    public DbSet<HelpfulVote> HelpfulVotes => Set<HelpfulVote>();
    public DbSet<ProductRating> ProductRatings => Set<ProductRating>();
    public DbSet<ModerationSettings> ModerationSettings => Set<ModerationSettings>();

    public Guid? CurrentTenantId => tenant.TenantId;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ReviewsDb).Assembly);
        modelBuilder.AddOutbox().AddProcessedEvents();
        modelBuilder.ApplyTenantIsolation(this);
    }
}
