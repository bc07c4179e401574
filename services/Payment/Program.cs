using DaprShop.Payment.Data;
using DaprShop.Payment.Extensions;
using DaprShop.ServiceDefaults;
using DaprShop.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();

app.MapDefaultEndpoints();
app.MapPaymentApis();

await app.MigrateDatabaseAsync<PaymentDb>();
await app.RunAsync();

/// <summary>The entry point, public for WebApplicationFactory in tests.</summary>
public partial class Program;
