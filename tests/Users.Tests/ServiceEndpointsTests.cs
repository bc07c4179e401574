using System.Net;
using System.Text.Json;
using DaprShop.Users.Tests.Support;

namespace DaprShop.Users.Tests;

/// <summary>What every service exposes from the kit, as users wires it: health, readiness and the OpenAPI document.</summary>
public sealed class ServiceEndpointsTests(UsersService users) : IClassFixture<UsersService>
{
    HttpClient Http => users.Host.Client;

    [Fact]
    public async Task Liveness_and_readiness_answer_with_the_database_and_sidecar_up()
    {
        using var live = await Http.GetAsync("/healthz");
        using var ready = await Http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("dapr-sidecar").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_public_route_and_hides_the_event_routes()
    {
        using var response = await Http.GetAsync("/swagger/v1/swagger.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/profiles/me", paths);
        Assert.Contains("/api/v1/profiles", paths);
        Assert.Contains("/api/v1/profiles/{userId}", paths);
        Assert.Contains("/api/v1/profiles/{userId}/addresses", paths);
        Assert.Contains("/api/v1/profiles/me/addresses", paths);
        Assert.Contains("/api/v1/profiles/me/addresses/{id}", paths);
        Assert.Contains("/internal/users/{userId}/validation", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/events/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_sidecar_learns_the_three_user_event_subscriptions()
    {
        using var response = await Http.GetAsync("/dapr/subscribe");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var topic = Assert.Single(doc.RootElement.EnumerateArray(), s => s.GetProperty("topic").GetString() == "user-events");
        Assert.Equal("pubsub", topic.GetProperty("pubsubName").GetString());
        var matches = topic.GetProperty("routes").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("match").GetString()).ToList();
        foreach (var type in new[] { "UserRegistered", "UserLockChanged", "UserRolesChanged" })
            Assert.Contains($"event.type == \"{type}\"", matches);
    }
}
