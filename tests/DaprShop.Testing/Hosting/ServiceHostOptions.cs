using Microsoft.Extensions.Time.Testing;

namespace DaprShop.Testing.Hosting;

/// <summary>
/// How a service is started under test: configuration values and DI replacements only — a service
/// never learns it is under test.
/// </summary>
public sealed class ServiceHostOptions
{
    public ServiceHostOptions(string appId) => AppId = appId;

    public string AppId { get; }

    /// <summary>ASPNETCORE environment; Development, as <c>dapr.yaml</c> runs the services.</summary>
    public string Environment { get; set; } = "Development";

    /// <summary>Configuration values, visible to <c>Program</c> from the first line (host settings).</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The clock registered as <see cref="TimeProvider"/>, when the test controls time.</summary>
    public FakeTimeProvider? Clock { get; set; }

    public List<Action<IServiceCollection>> ServiceOverrides { get; } = [];

    public ServiceHostOptions Setting(string key, string? value)
    {
        Settings[key] = value;
        return this;
    }

    public ServiceHostOptions ConnectionString(string name, string value) => Setting($"ConnectionStrings:{name}", value);

    /// <summary>Replaces <see cref="TimeProvider"/> with a fake clock (a new one at a fixed instant unless given).</summary>
    public ServiceHostOptions UseFakeClock(FakeTimeProvider? clock = null)
    {
        Clock = clock ?? new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        return this;
    }

    /// <summary>Registers replacements after the service's own registrations (last registration wins).</summary>
    public ServiceHostOptions ConfigureServices(Action<IServiceCollection> replace)
    {
        ServiceOverrides.Add(replace);
        return this;
    }
}
