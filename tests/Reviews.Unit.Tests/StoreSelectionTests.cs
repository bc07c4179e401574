using Microsoft.Extensions.Configuration;

namespace DaprShop.Reviews.UnitTests;

/// <summary>PostgreSQL is the default; MongoDB when configured.</summary>
public sealed class StoreSelectionTests
{
    static bool UsesMongo(params (string Key, string Value)[] settings) =>
        Extensions.Extensions.UsesMongo(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Fact]
    public void PostgreSQL_by_default() => Assert.False(UsesMongo(("ConnectionStrings:reviews", "Host=x")));

    [Fact]
    public void MongoDB_when_its_connection_string_is_there() => Assert.True(UsesMongo(("ConnectionStrings:reviews-mongo", "mongodb://x")));

    [Fact]
    public void The_explicit_store_setting_wins()
    {
        Assert.False(UsesMongo(("ConnectionStrings:reviews-mongo", "mongodb://x"), ("Reviews:Store", "postgres")));
        Assert.True(UsesMongo(("Reviews:Store", "Mongo")));
    }
}
