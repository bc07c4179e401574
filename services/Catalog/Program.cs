using DaprShop.Catalog.Extensions;
using DaprShop.Catalog.Seeding;
using DaprShop.ServiceDefaults;

// `dotnet run -- seed --tenant <id> --products N` loads a demo catalogue instead of serving.
var seed = SeedCommand.Parse(args);
var builder = WebApplication.CreateBuilder(seed is null ? args : []);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapCatalogApis();

await app.PrepareCatalogStoreAsync();
if (seed is not null)
{
    Environment.ExitCode = await seed.RunAsync(app.Services, CancellationToken.None);
    return;
}
await app.RunAsync();

/// <summary>The entry point, public for WebApplicationFactory in tests.</summary>
public partial class Program;
