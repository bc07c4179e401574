using System.Net;
using DaprShop.Identity.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Identity.Tests;

/// <summary>Tenant names are unique whatever their case, decided by the database even under a race (issue #7, defect 9).</summary>
public sealed class TenantNameTests(IdentityService identity) : IClassFixture<IdentityService>
{
    IdentityApi Api => identity.Api;

    Task<HttpResponseMessage> CreateAsync(string token, string name) =>
        Api.SendAsync(HttpMethod.Post, "/api/v1/tenants", token, new { name });

    [Fact]
    public async Task A_name_differing_only_in_case_conflicts()
    {
        var token = await Api.PlatformAdminTokenAsync();
        var name = "SECTEST-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        using (var first = await CreateAsync(token, name)) Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var before = await identity.CountTenantsAsync();

        using var second = await CreateAsync(token, name.ToLowerInvariant());

        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict, "https://daprshop.dev/problems/tenant-name-taken");
        Assert.Equal(before, await identity.CountTenantsAsync());
    }

    [Fact]
    public async Task Concurrent_creations_of_one_name_in_different_cases_create_one_tenant()
    {
        var token = await Api.PlatformAdminTokenAsync();
        var name = "race-" + Guid.NewGuid().ToString("N")[..8];
        var variants = Enumerable.Range(0, 8).Select(i => string.Concat(name.Select((c, j) => (i >> (j % 3) & 1) == 1 ? char.ToUpperInvariant(c) : c))).ToArray();

        var answers = await Concurrently.RunAsync(variants.Length, i => CreateAsync(token, variants[i]));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        foreach (var clash in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
            await ProblemAssert.IsProblemAsync(clash, HttpStatusCode.Conflict, "https://daprshop.dev/problems/tenant-name-taken");
    }
}
