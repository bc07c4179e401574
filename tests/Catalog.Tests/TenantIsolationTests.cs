using System.Net;
using DaprShop.Catalog.Tests.Support;
using DaprShop.Testing.Http;
using static DaprShop.Catalog.Tests.Support.ProductBuilder;

namespace DaprShop.Catalog.Tests;

/// <summary>Two tenants on every route: another tenant's product does not exist for you, whatever you send.</summary>
public sealed class TenantIsolationTests(CatalogService catalog) : IClassFixture<CatalogService>
{
    CatalogApi Api => catalog.Api;

    async Task<(TestTenant A, TestTenant B, ProductView OfB, ProductBuilder Builder)> TwoTenantsAsync()
    {
        var a = Api.NewTenant();
        var b = Api.NewTenant();
        var builder = AProduct().WithSlug("only-in-b");
        var ofB = await Api.CreateOkAsync(b.AdminToken, builder.Request());
        return (a, b, ofB, builder);
    }

    [Fact]
    public async Task Another_tenants_product_is_not_found_by_id_or_slug()
    {
        var (a, _, ofB, _) = await TwoTenantsAsync();

        await ProblemAssert.IsProblemAsync(await Api.GetAsync(a.AdminToken, ofB.Id), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.GetAsync(a.CustomerToken, ofB.Id), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.GetBySlugAsync(a.AdminToken, "only-in-b"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_tenants_product_cannot_be_updated_or_deleted_and_stays_as_it_was()
    {
        var (a, b, ofB, builder) = await TwoTenantsAsync();

        using var update = await Api.UpdateAsync(a.AdminToken, ofB.Id, builder.Priced(0.01m).Request(), "*");
        using var delete = await Api.DeleteAsync(a.AdminToken, ofB.Id);

        await ProblemAssert.IsProblemAsync(update, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.NotFound);
        var unchanged = await Api.GetOkAsync(b.AdminToken, ofB.Id);
        Assert.Equal((1L, "active", 99.99m), (unchanged.Version, unchanged.Status, unchanged.Price.Amount));
        Assert.Equal(0, await catalog.CountOutboxAsync("ProductUpdated", ofB.Id));
        Assert.Equal(0, await catalog.CountOutboxAsync("ProductDeleted", ofB.Id));
    }

    [Fact]
    public async Task Search_and_lookup_see_only_the_callers_tenant()
    {
        var (a, _, ofB, _) = await TwoTenantsAsync();
        var ofA = await Api.CreateOkAsync(a.AdminToken, AProduct().Request());

        var search = await Api.SearchOkAsync(a.AdminToken, "?q=headphones");
        var lookup = await CatalogApi.OkAsync<LookupView>(await Api.LookupAsync(a.CustomerToken, new { ids = new[] { ofA.Id, ofB.Id } }));

        Assert.Equal([ofA.Id], search.Items.Select(i => i.Id));
        Assert.Equal(1, search.Total);
        Assert.Equal([ofA.Id], lookup.Items.Select(i => i.Id));
        Assert.Equal([ofB.Id], lookup.Missing);
    }

    [Fact]
    public async Task The_same_sku_and_slug_live_in_two_tenants()
    {
        var (a, _, ofB, builder) = await TwoTenantsAsync();

        var ofA = await Api.CreateOkAsync(a.AdminToken, builder.Request());

        Assert.Equal(ofB.Sku, ofA.Sku);
        Assert.Equal(ofB.Slug, ofA.Slug);
        Assert.NotEqual(ofB.Id, ofA.Id);
        Assert.Equal(2, await catalog.CountProductsAsync(builder.Sku));
    }

    [Fact]
    public async Task A_tenant_header_naming_another_tenant_than_the_token_is_forbidden()
    {
        var (a, b, ofB, _) = await TwoTenantsAsync();

        using var response = await Api.SendAsync(HttpMethod.Get, $"/api/v1/products/{ofB.Id}", a.AdminToken, tenantHeader: b.Id);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_token_without_a_tenant_reads_nothing()
    {
        var (_, _, ofB, _) = await TwoTenantsAsync();
        var noTenant = catalog.Tokens.Token(null, "platform-operator", ["admin", "platform-admin"]);

        using var get = await Api.GetAsync(noTenant, ofB.Id);
        using var search = await Api.SearchAsync(noTenant);
        using var create = await Api.CreateAsync(noTenant, AProduct().Request());

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, search.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [Fact]
    public async Task Tokens_for_another_audience_or_expired_are_refused()
    {
        var t = Api.NewTenant();
        var otherAudience = catalog.Tokens.Token(t.Id, "someone", ["admin"], audience: "another-api");
        var shortLived = catalog.Tokens.Token(t.Id, "someone", ["admin"], lifetime: TimeSpan.FromMinutes(1));
        catalog.Clock.Advance(TimeSpan.FromMinutes(2));

        using var wrongAudience = await Api.SearchAsync(otherAudience);
        using var expired = await Api.SearchAsync(shortLived);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongAudience.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }
}
