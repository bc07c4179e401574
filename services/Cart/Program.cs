using DaprShop.Cart.Data;
using DaprShop.Cart.Extensions;
using DaprShop.ServiceDefaults;
using DaprShop.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();

app.MapDefaultEndpoints();
app.MapCartApis();

await app.MigrateDatabaseAsync<CartDb>();
await app.RunAsync();

/// <summary>The entry point, public for WebApplicationFactory in tests.</summary>
public partial class Program;
