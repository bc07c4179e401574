using System.Collections.Concurrent;
using Dapr;
using DaprShop.Contracts;
using DaprShop.Contracts.Users;
using DaprShop.ServiceDefaults.Events;
using DaprShop.Testing.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace DaprShop.Identity.Tests.Support;

/// <summary>A row the subscriber writes once per registered user (a stand-in for "send the welcome email").</summary>
public sealed class WelcomedUser
{
    public Guid UserId { get; set; }
    public Guid TenantId { get; set; }
    public string Email { get; set; } = "";
}

/// <summary>The subscriber's own small database (schema <c>welcome</c> in the test database), with the processed-events table.</summary>
public sealed class WelcomeDb(DbContextOptions<WelcomeDb> options) : DbContext(options)
{
    public DbSet<WelcomedUser> Welcomed => Set<WelcomedUser>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("welcome");
        modelBuilder.Entity<WelcomedUser>().HasKey(w => w.UserId);
        modelBuilder.AddProcessedEvents();
    }
}

/// <summary>One delivery as the subscriber saw it, and whether its handler applied it.</summary>
public sealed record Delivery(UserRegistered Event, bool Applied);

/// <summary>
/// A consumer of <c>user-events</c> written the way services will write theirs: a topic route for
/// <c>UserRegistered</c>, and a handler made idempotent by <c>HandleOnceAsync</c>.
/// </summary>
public sealed class WelcomeSubscriber : IAsyncDisposable
{
    public const string AppId = "welcome-subscriber";
    public const string Handler = "welcome";

    readonly SampleApp _app;

    WelcomeSubscriber(SampleApp app, ConcurrentQueue<Delivery> deliveries)
    {
        _app = app;
        Deliveries = deliveries;
    }

    public ConcurrentQueue<Delivery> Deliveries { get; }

    public IEnumerable<Delivery> For(string email) => Deliveries.Where(d => d.Event.Email == email);

    public async Task<int> WelcomedCountAsync(Guid userId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WelcomeDb>().Welcomed.CountAsync(w => w.UserId == userId);
    }

    public static async Task<WelcomeSubscriber> StartAsync(DaprShop.Testing.Dapr.TestDapr dapr, string connectionString)
    {
        var deliveries = new ConcurrentQueue<Delivery>();
        var app = await SampleApp.StartAsync(dapr.Cluster, AppId,
            b => b.Services.AddDbContext<WelcomeDb>(o => o.UseNpgsql(connectionString)),
            web => web.MapPost("/user-registered", async (UserRegistered registered, WelcomeDb db, CancellationToken ct) =>
                {
                    var applied = await db.HandleOnceAsync(registered.EventId, Handler, _ =>
                    {
                        db.Welcomed.Add(new WelcomedUser { UserId = registered.UserId, TenantId = registered.TenantId, Email = registered.Email });
                        return Task.CompletedTask;
                    }, TimeProvider.System, ct);
                    deliveries.Enqueue(new Delivery(registered, applied));
                    return Results.Ok();
                })
                .WithTopic(new TopicOptions
                {
                    PubsubName = Components.PubSub,
                    Name = Topics.UserEvents,
                    Match = $"event.type == \"{nameof(UserRegistered)}\"",
                    Priority = 1,
                }));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WelcomeDb>();
            await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
        }
        return new WelcomeSubscriber(app, deliveries);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
