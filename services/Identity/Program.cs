using DaprShop.Identity.Apis;
using DaprShop.Identity.Data;
using DaprShop.Identity.Extensions;
using DaprShop.ServiceDefaults;
using DaprShop.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

// Before authentication, where OpenIddict recognises its endpoints: the JSON auth routes become /connect/* requests.
app.UseServiceDefaults(beforeAuthentication: a => a.UseIdentityEdge());

app.MapDefaultEndpoints();
app.MapIdentityApis();

await app.MigrateDatabaseAsync<IdentityDb>();
await app.RunAsync();

/// <summary>The entry point, public for WebApplicationFactory in tests.</summary>
public partial class Program;
