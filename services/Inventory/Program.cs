using DaprShop.Inventory.Data;
using DaprShop.Inventory.Extensions;
using DaprShop.ServiceDefaults;
using DaprShop.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();

app.MapDefaultEndpoints();
app.MapInventoryApis();

await app.MigrateDatabaseAsync<InventoryDb>();
await app.RunAsync();

/// <summary>The entry point, public for WebApplicationFactory in tests.</summary>
public partial class Program;
