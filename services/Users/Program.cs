using DaprShop.ServiceDefaults;
using DaprShop.ServiceDefaults.Data;
using DaprShop.Users.Data;
using DaprShop.Users.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();

app.MapDefaultEndpoints();
app.MapUsersApis();

await app.MigrateDatabaseAsync<UsersDb>();
await app.RunAsync();

/// <summary>The entry point, public for WebApplicationFactory in tests.</summary>
public partial class Program;
