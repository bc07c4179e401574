using DaprShop.Gateway.RateLimiting;
using DaprShop.Gateway.Routing;
using Microsoft.Extensions.Configuration;

namespace DaprShop.Gateway.UnitTests;

/// <summary>The gateway's shipped appsettings.json and the repository's files, as the tests read them.</summary>
internal static class Settings
{
    public static string RepositoryPath(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DaprShop.sln"))) dir = dir.Parent;
        return Path.Combine([dir?.FullName ?? throw new DirectoryNotFoundException("DaprShop.sln"), .. parts]);
    }

    public static IConfiguration Shipped(IDictionary<string, string?>? overrides = null) => new ConfigurationBuilder()
        .AddJsonFile(RepositoryPath("services", "Gateway", "appsettings.json"))
        .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
        .Build();

    public static GatewayOptions Gateway(IDictionary<string, string?>? overrides = null) =>
        Shipped(overrides).GetSection(GatewayOptions.Section).Get<GatewayOptions>()!;

    public static RateLimitOptions RateLimits(IDictionary<string, string?>? overrides = null)
    {
        var options = new RateLimitOptions();
        Shipped(overrides).GetSection(RateLimitOptions.Section).Bind(options);
        return options;
    }
}
