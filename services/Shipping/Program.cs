using DaprShop.ServiceDefaults;
using DaprShop.ServiceDefaults.Data;
using DaprShop.Shipping.Data;
using DaprShop.Shipping.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();

app.MapDefaultEndpoints();
app.MapShippingApis();

await app.MigrateDatabaseAsync<ShippingDb>();
await app.RunAsync();

/// <summary>The entry point, public for WebApplicationFactory in tests.</summary>
public partial class Program;
