using DaprShop.Catalog.Data;
using DaprShop.Catalog.Data.Mongo;
using DaprShop.Catalog.Data.Postgres;
using DaprShop.Catalog.Extensions;
using DaprShop.ServiceDefaults;
using DaprShop.ServiceDefaults.Mongo;
using Microsoft.Extensions.Hosting;

namespace DaprShop.Catalog.Tests;

/// <summary>
/// Which adapter catalog wires from its configuration, with the container validated as the app builds it. Nothing
/// connects: this is how the MongoDB wiring is checked on machines without a MongoDB.
/// </summary>
public sealed class StoreSelectionTests
{
    const string Postgres = "Host=127.0.0.1;Database=catalog_never_opened;Username=x;Password=x";
    const string Mongo = "mongodb://127.0.0.1:1/catalog?replicaSet=rs0&serverSelectionTimeoutMS=100";

    static WebApplication Build(params (string Key, string? Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)));
        builder.Host.UseDefaultServiceProvider(o => { o.ValidateOnBuild = true; o.ValidateScopes = true; });
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        return builder.Build();
    }

    static (Type Store, Type Importer, bool MongoRelay) Wiring(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        return (scope.ServiceProvider.GetRequiredService<IProductStore>().GetType(),
            scope.ServiceProvider.GetRequiredService<IProductImporter>().GetType(),
            app.Services.GetServices<IHostedService>().Any(h => h is MongoOutboxRelay<MongoCatalog>));
    }

    [Fact]
    public async Task Without_a_mongodb_connection_string_catalog_runs_on_postgresql()
    {
        await using var app = Build(("ConnectionStrings:catalog", Postgres));

        Assert.Equal((typeof(PostgresProductStore), typeof(PostgresProductImporter), false), Wiring(app));
    }

    [Fact]
    public async Task A_mongodb_connection_string_selects_the_mongodb_adapter_and_its_outbox_relay()
    {
        await using var app = Build(("ConnectionStrings:catalog", Postgres), ("ConnectionStrings:catalog-mongo", Mongo));

        Assert.Equal((typeof(MongoProductStore), typeof(MongoProductImporter), true), Wiring(app));
    }

    [Fact]
    public async Task The_store_setting_wins_over_the_connection_strings()
    {
        await using var app = Build(("ConnectionStrings:catalog", Postgres), ("ConnectionStrings:catalog-mongo", Mongo), ("Catalog:Store", "postgres"));

        Assert.Equal(typeof(PostgresProductStore), Wiring(app).Store);
    }

    [Fact]
    public void Asking_for_mongodb_without_its_connection_string_fails_at_start_with_the_reason()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Build(("Catalog:Store", "mongo")));

        Assert.Contains("ConnectionStrings:catalog-mongo", e.Message);
    }
}
