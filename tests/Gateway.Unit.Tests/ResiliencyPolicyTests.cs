using System.Globalization;
using System.Text.RegularExpressions;
using DaprShop.Gateway.RateLimiting;
using YamlDotNet.RepresentationModel;

namespace DaprShop.Gateway.UnitTests;

/// <summary>
/// The per-service timeouts and circuit breakers live in Dapr's resiliency YAML (applied by the sidecar), the
/// gateway's answers to them in its settings: these tests keep the two in step, for local runs and for Kubernetes.
/// </summary>
public sealed partial class ResiliencyPolicyTests
{
    public static TheoryData<string> ResiliencyFiles => new()
    {
        Path.Combine("components", "common", "resiliency.yaml"),
        Path.Combine("k8s", "base", "dapr", "resiliency.yaml"),
    };

    static YamlMappingNode Spec(string file)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Settings.RepositoryPath(file));
        yaml.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["spec"];
    }

    static YamlMappingNode Map(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var child) ? (YamlMappingNode)child : new YamlMappingNode();

    static string? Scalar(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var child) ? ((YamlScalarNode)child).Value : null;

    /// <summary>
    /// Services whose mesh target has a timeout but, by design, no breaker: inventory answers every reserve of a sold-out
    /// SKU with 409, and daprd counts any answer outside 200–399 against a breaker, so a breaker would cut ordering off
    /// from all reservations after a few sold-out answers (services/Inventory/README.md).
    /// </summary>
    static readonly HashSet<string> NoBreakerByDesign = ["inventory"];

    [Theory]
    [MemberData(nameof(ResiliencyFiles))]
    public void Every_gateway_service_has_a_timeout_and_a_circuit_breaker(string file)
    {
        var spec = Spec(file);
        var apps = Map(Map(spec, "targets"), "apps");
        var policies = Map(spec, "policies");

        foreach (var service in Settings.Gateway().Services)
        {
            Assert.True(apps.Children.ContainsKey(new YamlScalarNode(service)), $"{file}: no targets.apps.{service}");
            var target = apps[service];
            var timeout = Scalar(target, "timeout");
            var breaker = Scalar(target, "circuitBreaker");
            Assert.True(timeout is not null && Scalar(Map(policies, "timeouts"), timeout) is not null, $"{file}: {service} has no defined timeout");
            if (NoBreakerByDesign.Contains(service))
            {
                Assert.True(breaker is null, $"{file}: {service} is listed as having no breaker by design but has one");
                continue;
            }
            Assert.True(breaker is not null && Map(Map(policies, "circuitBreakers"), breaker).Children.Count > 0, $"{file}: {service} has no defined circuit breaker");
        }
    }

    [Theory]
    [MemberData(nameof(ResiliencyFiles))]
    public void Calls_through_the_gateway_are_never_replayed_by_the_mesh(string file)
    {
        var apps = Map(Map(Spec(file), "targets"), "apps");

        foreach (var service in Settings.Gateway().Services)
            Assert.Null(Scalar(apps[service], "retry"));
    }

    [Theory]
    [MemberData(nameof(ResiliencyFiles))]
    public void The_gateways_own_timeout_is_only_a_safety_net_beyond_every_service_timeout(string file)
    {
        var spec = Spec(file);
        var gateway = Settings.Gateway();

        foreach (var service in gateway.Services)
        {
            var timeout = GoDuration(Scalar(Map(Map(spec, "policies"), "timeouts"), Scalar(Map(Map(spec, "targets"), "apps")[service], "timeout")!)!);
            Assert.True(timeout > TimeSpan.Zero && timeout < gateway.ProxyTimeout, $"{file}: {service} timeout {timeout} is not below Gateway:ProxyTimeout {gateway.ProxyTimeout}");
        }
    }

    [Theory]
    [MemberData(nameof(ResiliencyFiles))]
    public void Retry_After_on_an_open_breaker_is_the_breakers_open_time_and_the_trip_count_is_readable(string file)
    {
        var spec = Spec(file);
        var gateway = Settings.Gateway();

        foreach (var service in gateway.Services.Where(s => !NoBreakerByDesign.Contains(s)))
        {
            var breaker = Map(Map(Map(spec, "policies"), "circuitBreakers"), Scalar(Map(Map(spec, "targets"), "apps")[service], "circuitBreaker")!);
            Assert.Equal(TimeSpan.FromSeconds(gateway.CircuitOpenRetryAfterSeconds), GoDuration(Scalar(breaker, "timeout")!));
            Assert.True(TripCount(Scalar(breaker, "trip")!) >= 1);
        }
    }

    /// <summary>
    /// daprd counts a client's own 4xx answers against the breaker of the path, so no one client may be able to open it
    /// for everyone: within one counting interval (no longer than the rate-limit windows, so no more than one window's
    /// worth fits in it) a user or an address can cause at most its limit of failures, which must stay below the trip
    /// count. Raising a limit (a tenant's own user limit too) means raising the trip count with it.
    /// </summary>
    [Theory]
    [MemberData(nameof(ResiliencyFiles))]
    public void No_single_client_within_its_rate_limits_can_open_a_breaker(string file)
    {
        var spec = Spec(file);
        var limits = Settings.RateLimits();
        var userRules = limits.Tenants.Values.Select(t => t.User).OfType<RateLimitRule>().Append(limits.Default.User!).ToList();
        var clientRules = userRules.Append(limits.Default.Anonymous!).ToList();
        var breakers = Map(Map(spec, "policies"), "circuitBreakers");

        // The services a client reaches; an HTTP endpoint target (the carrier) is called by a service, never for a client.
        var apps = Map(Map(spec, "targets"), "apps");
        foreach (var name in Settings.Gateway().Services.Select(s => Scalar(apps[s], "circuitBreaker")).OfType<string>().Distinct())
        {
            var breaker = Map(breakers, name);
            var trip = TripCount(Scalar(breaker, "trip")!);
            var interval = GoDuration(Scalar(breaker, "interval") ?? "0s");
            Assert.True(interval > TimeSpan.Zero, $"{file}: {name} never clears its counts (interval 0s), so failures add up without end");
            foreach (var rule in clientRules)
            {
                Assert.True(interval <= rule.Window, $"{file}: {name}'s interval {interval} is longer than the {rule} rate-limit window");
                Assert.True(trip > rule.Limit, $"{file}: {name} trips at {trip} failures, which one client limited to {rule} can cause alone");
            }
        }
    }

    [Fact]
    public void Local_and_Kubernetes_policies_for_the_services_agree()
    {
        var local = Spec(Path.Combine("components", "common", "resiliency.yaml"));
        var k8s = Spec(Path.Combine("k8s", "base", "dapr", "resiliency.yaml"));

        foreach (var service in Settings.Gateway().Services)
        {
            foreach (var kind in new[] { ("timeout", "timeouts"), ("circuitBreaker", "circuitBreakers") })
            {
                if (kind.Item1 == "circuitBreaker" && NoBreakerByDesign.Contains(service)) continue;
                var localName = Scalar(Map(Map(local, "targets"), "apps")[service], kind.Item1)!;
                var k8sName = Scalar(Map(Map(k8s, "targets"), "apps")[service], kind.Item1)!;
                Assert.Equal(localName, k8sName);
                Assert.Equal(Map(Map(local, "policies"), kind.Item2)[localName].ToString(), Map(Map(k8s, "policies"), kind.Item2)[k8sName].ToString());
            }
        }
    }

    [Theory]
    [InlineData("5s", 5_000)]
    [InlineData("250ms", 250)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h", 3_600_000)]
    public void Go_durations_are_read(string text, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), GoDuration(text));
    }

    [Theory]
    [InlineData("consecutiveFailures >= 5", 5)]
    [InlineData("consecutiveFailures > 5", 6)]
    [InlineData("consecutiveFailures>=3", 3)]
    public void Trip_expressions_give_the_failures_that_open_the_breaker(string trip, int count)
    {
        Assert.Equal(count, TripCount(trip));
    }

    static TimeSpan GoDuration(string text)
    {
        var parts = GoDurationPart().Matches(text);
        Assert.True(parts.Count > 0 && string.Concat(parts.Select(p => p.Value)) == text, $"not a Go duration: {text}");
        return parts.Aggregate(TimeSpan.Zero, (sum, p) =>
        {
            var n = double.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture);
            return sum + p.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromHours(n),
            };
        });
    }

    static int TripCount(string trip)
    {
        var m = TripExpression().Match(trip);
        Assert.True(m.Success, $"trip is not 'consecutiveFailures >= N' or '> N': {trip}");
        var n = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        return m.Groups[1].Value == ">=" ? n : n + 1;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h)")]
    private static partial Regex GoDurationPart();

    [GeneratedRegex(@"^\s*consecutiveFailures\s*(>=|>)\s*(\d+)\s*$")]
    private static partial Regex TripExpression();
}
