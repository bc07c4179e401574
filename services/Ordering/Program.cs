using DaprShop.Ordering.Data;
using DaprShop.Ordering.Extensions;
using DaprShop.ServiceDefaults;
using DaprShop.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();

app.MapDefaultEndpoints();
app.MapOrderingApis();

await app.MigrateDatabaseAsync<OrderingDb>();
await app.RunAsync();

/// <summary>The entry point, public for WebApplicationFactory in tests.</summary>
public partial class Program;
