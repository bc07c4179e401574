using System.Net;
using DaprShop.Catalog.Tests.Support;
using DaprShop.Testing.Http;
using static DaprShop.Catalog.Tests.Support.ProductBuilder;

namespace DaprShop.Catalog.Tests;

public sealed class ProductWriteTests(CatalogService catalog) : IClassFixture<CatalogService>
{
    CatalogApi Api => catalog.Api;

    [Fact]
    public async Task An_admin_creates_a_product_and_reads_it_back_with_its_etag()
    {
        var t = Api.NewTenant();
        var product = AProduct().Named("Café Crème Espresso Machine").InCategory("home/kitchen/coffee").Priced(249.5m).With("color", "red");

        using var created = await Api.CreateAsync(t.AdminToken, product.Request());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var body = await CatalogApi.OkAsync<ProductView>(created, HttpStatusCode.Created);
        Assert.Equal($"/api/v1/products/{body.Id}", created.Headers.Location?.OriginalString);
        Assert.Equal("cafe-creme-espresso-machine", body.Slug);
        Assert.Equal(7, body.Id.Version);
        using var read = await Api.GetAsync(t.CustomerToken, body.Id);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        var again = await CatalogApi.OkAsync<ProductView>(read);
        Assert.Equal(new MoneyView(249.5m, "EUR"), again.Price);
        Assert.Equal("red", again.Attributes["color"]);
        Assert.Equal(catalog.Clock.GetUtcNow(), again.CreatedAt);
        Assert.Equal(new RatingView(0, 0), again.Rating);
    }

    [Fact]
    public async Task A_product_is_found_by_its_slug()
    {
        var t = Api.NewTenant();
        var created = await Api.CreateOkAsync(t.AdminToken, AProduct().WithSlug("my-tent").Request());

        var found = await CatalogApi.OkAsync<ProductView>(await Api.GetBySlugAsync(t.CustomerToken, "my-tent"));

        Assert.Equal(created.Id, found.Id);
    }

    [Fact]
    public async Task A_derived_slug_taken_by_a_namesake_gets_the_sku_appended()
    {
        var t = Api.NewTenant();
        var first = await Api.CreateOkAsync(t.AdminToken, AProduct().Named("Trail Tent").Request());
        var second = AProduct().Named("Trail Tent").WithSku("TENT-2");

        var namesake = await Api.CreateOkAsync(t.AdminToken, second.Request());

        Assert.Equal("trail-tent", first.Slug);
        Assert.Equal("trail-tent-tent-2", namesake.Slug);
    }

    [Fact]
    public async Task A_second_product_with_the_same_sku_is_a_conflict_and_nothing_is_written()
    {
        var t = Api.NewTenant();
        var product = AProduct();
        await Api.CreateOkAsync(t.AdminToken, product.Request());

        using var again = await Api.CreateAsync(t.AdminToken, product.Named("Another name").Request());

        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "https://daprshop.dev/problems/duplicate-sku");
        Assert.Equal(1, await catalog.CountProductsAsync(product.Sku));
    }

    [Fact]
    public async Task A_chosen_slug_that_is_taken_is_a_conflict()
    {
        var t = Api.NewTenant();
        await Api.CreateOkAsync(t.AdminToken, AProduct().WithSlug("taken").Request());

        using var again = await Api.CreateAsync(t.AdminToken, AProduct().WithSlug("taken").Request());

        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "https://daprshop.dev/problems/duplicate-slug");
    }

    [Fact]
    public async Task Customers_and_anonymous_callers_cannot_write()
    {
        var t = Api.NewTenant();
        var product = await Api.CreateOkAsync(t.AdminToken, AProduct().Request());

        using var create = await Api.CreateAsync(t.CustomerToken, AProduct().Request());
        using var update = await Api.UpdateAsync(t.CustomerToken, product.Id, AProduct().Request(), "\"1\"");
        using var delete = await Api.DeleteAsync(t.CustomerToken, product.Id);
        using var anonymous = await Api.CreateAsync(null!, AProduct().Request());

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, update.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(1, (await Api.GetOkAsync(t.AdminToken, product.Id)).Version);
    }

    [Fact]
    public async Task An_update_without_if_match_is_refused_with_428()
    {
        var t = Api.NewTenant();
        var product = await Api.CreateOkAsync(t.AdminToken, AProduct().Request());

        using var response = await Api.UpdateAsync(t.AdminToken, product.Id, AProduct().WithSku(product.Sku).Priced(1).Request(), ifMatch: null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionRequired, "https://daprshop.dev/problems/precondition-required");
        Assert.Equal(99.99m, (await Api.GetOkAsync(t.AdminToken, product.Id)).Price.Amount);
    }

    [Fact]
    public async Task An_update_based_on_a_stale_etag_is_refused_with_412_and_changes_nothing()
    {
        var t = Api.NewTenant();
        var builder = AProduct();
        var product = await Api.CreateOkAsync(t.AdminToken, builder.Request());
        await CatalogApi.OkAsync<ProductView>(await Api.UpdateAsync(t.AdminToken, product.Id, builder.Priced(10).Request(), "\"1\""));

        using var stale = await Api.UpdateAsync(t.AdminToken, product.Id, builder.Priced(5).Request(), "\"1\"");

        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal("\"2\"", stale.Headers.ETag?.Tag);
        Assert.Equal(10m, (await Api.GetOkAsync(t.AdminToken, product.Id)).Price.Amount);
    }

    [Fact]
    public async Task An_update_replaces_the_editable_state_and_moves_the_version_on()
    {
        var t = Api.NewTenant();
        var builder = AProduct().Named("Old name");
        var product = await Api.CreateOkAsync(t.AdminToken, builder.Request());
        catalog.Clock.Advance(TimeSpan.FromMinutes(5));

        using var response = await Api.UpdateAsync(t.AdminToken, product.Id,
            builder.Named("New name").Priced(79).InCategory("electronics/audio").With("color", "white").Draft().Request(), "\"1\"");

        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var updated = await CatalogApi.OkAsync<ProductView>(response);
        Assert.Equal("New name", updated.Name);
        Assert.Equal("old-name", updated.Slug); // a rename keeps the URL
        Assert.Equal("draft", updated.Status);
        Assert.Equal("white", updated.Attributes["color"]);
        Assert.Equal(product.CreatedAt, updated.CreatedAt);
        Assert.Equal(product.CreatedAt.AddMinutes(5), updated.UpdatedAt);
        Assert.Equal(2, updated.Version);
    }

    [Fact]
    public async Task Of_concurrent_updates_from_the_same_version_exactly_one_is_written()
    {
        var t = Api.NewTenant();
        var builder = AProduct();
        var product = await Api.CreateOkAsync(t.AdminToken, builder.Request());
        using var barrier = new Barrier(8);

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(async () =>
        {
            barrier.SignalAndWait(TimeSpan.FromSeconds(10));
            return await Api.UpdateAsync(t.AdminToken, product.Id, builder.Priced(i).Request(), "\"1\"");
        })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        Assert.Equal(2, (await Api.GetOkAsync(t.AdminToken, product.Id)).Version);
        Assert.Equal(1, await catalog.CountOutboxAsync("ProductUpdated", product.Id));
        foreach (var r in responses) r.Dispose();
    }

    [Fact]
    public async Task Delete_archives_the_product_hiding_it_from_customers_and_a_second_delete_changes_nothing()
    {
        var t = Api.NewTenant();
        var product = await Api.CreateOkAsync(t.AdminToken, AProduct().Request());

        using var first = await Api.DeleteAsync(t.AdminToken, product.Id);
        using var second = await Api.DeleteAsync(t.AdminToken, product.Id);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        await ProblemAssert.IsProblemAsync(await Api.GetAsync(t.CustomerToken, product.Id), HttpStatusCode.NotFound);
        var archived = await Api.GetOkAsync(t.AdminToken, product.Id);
        Assert.Equal("archived", archived.Status);
        Assert.Equal(2, archived.Version);
        Assert.Equal(1, await catalog.CountOutboxAsync("ProductDeleted", product.Id));
    }

    [Fact]
    public async Task A_delete_with_a_stale_if_match_is_refused()
    {
        var t = Api.NewTenant();
        var builder = AProduct();
        var product = await Api.CreateOkAsync(t.AdminToken, builder.Request());
        await CatalogApi.OkAsync<ProductView>(await Api.UpdateAsync(t.AdminToken, product.Id, builder.Priced(1).Request(), "\"1\""));

        using var response = await Api.DeleteAsync(t.AdminToken, product.Id, "\"1\"");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal("active", (await Api.GetOkAsync(t.AdminToken, product.Id)).Status);
    }

    [Fact]
    public async Task Customers_do_not_see_drafts_anywhere()
    {
        var t = Api.NewTenant();
        var draft = await Api.CreateOkAsync(t.AdminToken, AProduct().Draft().WithSlug("secret-draft").Request());

        await ProblemAssert.IsProblemAsync(await Api.GetAsync(t.CustomerToken, draft.Id), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.GetBySlugAsync(t.CustomerToken, "secret-draft"), HttpStatusCode.NotFound);
        Assert.Empty((await Api.SearchOkAsync(t.CustomerToken)).Items);
        Assert.Single((await Api.SearchOkAsync(t.AdminToken)).Items);
        Assert.Equal("draft", (await Api.GetOkAsync(t.AdminToken, draft.Id)).Status);
    }
}
