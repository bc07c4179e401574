using DaprShop.Gateway.Extensions;
using DaprShop.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();

app.UseServiceDefaults();
app.UseGatewayEdge();

app.MapDefaultEndpoints();
app.MapGateway();

await app.RunAsync();

/// <summary>The entry point, public for WebApplicationFactory in tests.</summary>
public partial class Program;
