using System.Net;
using System.Net.Http.Json;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.ServiceDefaults.Paging;
using DaprShop.ServiceDefaults.Sidecar;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Http;
using DaprShop.Testing.Postgres;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.ServiceDefaults.Tests.Kit;

/// <summary>What the kit refuses at the edge for every service: NUL characters, callers that are not the sidecar, pages past any end.</summary>
public sealed class EdgeGuardTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    TestDapr _dapr = null!;
    KitApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        await NotesDb.ResetAsync(database.ConnectionString, Ct);
        _dapr = await TestDapr.StartAsync();
        _app = await KitApp.StartAsync(_dapr, database.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _dapr.DisposeAsync();
    }

    [Fact]
    public async Task A_NUL_anywhere_in_a_JSON_body_is_a_validation_problem_naming_each_field()
    {
        var response = await _app.Client.PostAsJsonAsync("/echo",
            new EchoRequest("ann\u0000", ["ok", "b\u0000d"], new EchoAddress("Main St\u0000")), Ct);

        await ProblemAssert.IsValidationProblemAsync(response, "name", "tags[1]", "address.line1");
    }

    [Fact]
    public async Task A_body_without_NUL_passes()
    {
        var response = await _app.Client.PostAsJsonAsync("/echo", new EchoRequest("ann", ["ok"], new EchoAddress("Main St")), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_NUL_in_the_query_string_is_a_validation_problem()
    {
        var response = await _app.Client.GetAsync("/search?q=shoe%00s", Ct);

        await ProblemAssert.IsValidationProblemAsync(response, "q");
    }

    [Fact]
    public async Task A_sidecar_only_route_answers_its_own_sidecar()
    {
        using var http = new HttpClient();
        var response = await http.GetAsync($"{_app.Sidecar.HttpEndpoint}/v1.0/invoke/{_app.AppId}/method/sidecar-only", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a guess")]
    public async Task A_sidecar_only_route_refuses_a_direct_caller(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sidecar-only");
        if (token is not null) request.Headers.Add("dapr-api-token", token);

        var response = await _app.Client.SendAsync(request, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, Problems.ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task With_no_app_token_configured_a_sidecar_only_route_refuses_even_the_sidecar()
    {
        await _app.DisposeAsync();
        _app = await KitApp.StartAsync(_dapr, database.ConnectionString, appApiToken: "", appId: "notes-without-token");
        using var http = new HttpClient();

        var direct = await _app.Client.GetAsync("/sidecar-only", Ct);
        var viaSidecar = await http.GetAsync($"{_app.Sidecar.HttpEndpoint}/v1.0/invoke/{_app.AppId}/method/sidecar-only", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, direct.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, viaSidecar.StatusCode);
    }

    [Fact]
    public async Task A_service_route_acts_for_the_tenant_a_permitted_caller_names()
    {
        var tenant = Guid.CreateVersion7();
        var ordering = await _dapr.Cluster.AddSidecarAsync(new SidecarOptions("ordering"));

        var response = await ViaSidecarAsync(ordering, tenant);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(tenant, await response.Content.ReadFromJsonAsync<Guid>(Ct));
    }

    [Fact]
    public async Task A_service_route_refuses_an_app_it_does_not_name()
    {
        var intruder = await _dapr.Cluster.AddSidecarAsync(new SidecarOptions("reviews"));

        var response = await ViaSidecarAsync(intruder, Guid.CreateVersion7());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, Problems.ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task A_service_route_refuses_a_call_without_a_tenant()
    {
        var cart = await _dapr.Cluster.AddSidecarAsync(new SidecarOptions("cart"));

        var response = await ViaSidecarAsync(cart, tenant: null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, Problems.ProblemTypes.Validation);
    }

    [Fact]
    public async Task A_service_route_refuses_a_direct_caller_whatever_it_claims()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/service-only").ForTenant(Guid.CreateVersion7());
        request.Headers.Add("dapr-caller-app-id", "ordering");

        var response = await _app.Client.SendAsync(request, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, Problems.ProblemTypes.Unauthorized);
    }

    async Task<HttpResponseMessage> ViaSidecarAsync(AppSidecar caller, Guid? tenant)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{caller.HttpEndpoint}/v1.0/invoke/{_app.AppId}/method/service-only");
        if (tenant is { } t) request.ForTenant(t);
        return await http.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_page_far_past_the_end_is_empty_with_the_real_total()
    {
        var tenant = Guid.CreateVersion7();
        await using (var db = NotesDb.Open(database.ConnectionString, tenant))
        {
            db.Notes.AddRange(Enumerable.Range(0, 3).Select(i => new Note { Text = $"n{i}" }));
            await db.SaveChangesAsync(Ct);
        }

        await using var reader = NotesDb.Open(database.ConnectionString, tenant);
        var beyondInt = await reader.Notes.OrderBy(n => n.Text).ToPageAsync(new PageRequest(21_474_838, 100), Ct);
        var second = await reader.Notes.OrderBy(n => n.Text).ToPageAsync(new PageRequest(2, 2), Ct);

        Assert.Empty(beyondInt.Items);
        Assert.Equal(3, beyondInt.Total);
        Assert.Equal(["n2"], second.Items.Select(n => n.Text));
        Assert.Equal(3, second.Total);
    }
}
