using DaprShop.Catalog.Data;
using DaprShop.Catalog.Domain;
using DaprShop.Contracts.Catalog;
using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Catalog.Tests.Store;

/// <summary>
/// What every <see cref="IProductStore"/> adapter must do, run once per adapter (PostgreSQL, MongoDB). The API's tests
/// cover HTTP; these pin down the storage semantics the API relies on, including what the database must decide.
/// </summary>
public abstract class ProductStoreContract
{
    static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A store acting for <paramref name="tenantId"/> (none: no tenant in context). Each call is a fresh unit of work.</summary>
    protected abstract IProductStore Store(Guid? tenantId);

    /// <summary>The event types staged for a product (outbox rows or documents), oldest first.</summary>
    protected abstract Task<IReadOnlyList<string>> StagedEventsAsync(Guid productId);

    static Product AProduct(Guid tenantId, string sku, string name = "Sonor Wireless Headphones", string category = "electronics/audio/headphones",
        decimal price = 99.99m, string brand = "Sonor", ProductStatus status = ProductStatus.Active, string description = "Over-ear headphones.",
        Dictionary<string, string>? attributes = null, int minutes = 0) => new()
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            Sku = sku,
            Name = name,
            Description = description,
            Brand = brand,
            CategoryPath = category,
            Price = new Money(price, "EUR"),
            Attributes = attributes ?? new Dictionary<string, string> { ["color"] = "black" },
            Images = ["https://images.example/1.jpg"],
            Slug = Slugs.WithSuffix(Slugs.FromName(name), Slugs.FromName(sku)),
            Status = status,
            CreatedAt = T0.AddMinutes(minutes),
            UpdatedAt = T0.AddMinutes(minutes),
            Version = 1,
        };

    static ProductCreated Created(Product p) => new(p.Id, p.Sku, p.Name, p.Slug, p.CategoryPath, p.Brand, p.Price.Amount, p.Price.Currency, "active", 1)
    {
        TenantId = p.TenantId,
        CorrelationId = "contract",
        OccurredAt = T0,
    };

    static ProductUpdated Updated(Product p) => new(p.Id, p.Sku, p.Name, p.Slug, p.CategoryPath, p.Brand, p.Price.Amount, p.Price.Currency, "active", p.Version)
    {
        TenantId = p.TenantId,
        CorrelationId = "contract",
        OccurredAt = T0,
    };

    async Task<Product> AddedAsync(Product p)
    {
        var write = await Store(p.TenantId).AddAsync(p, Created(p), CancellationToken.None);
        Assert.Equal(ProductWriteOutcome.Written, write.Outcome);
        return write.Product!;
    }

    static Product Copy(Product p, Action<Product> change)
    {
        var copy = new Product
        {
            Id = p.Id,
            TenantId = p.TenantId,
            Sku = p.Sku,
            Name = p.Name,
            Description = p.Description,
            Brand = p.Brand,
            CategoryPath = p.CategoryPath,
            Price = p.Price,
            Attributes = new Dictionary<string, string>(p.Attributes),
            Images = [.. p.Images],
            Slug = p.Slug,
            Status = p.Status,
            Rating = Rating.None,
            CreatedAt = p.CreatedAt,
            UpdatedAt = p.UpdatedAt,
            Version = p.Version,
        };
        change(copy);
        return copy;
    }

    [Fact]
    public async Task A_newer_rating_applies_and_leaves_the_products_own_version()
    {
        var tenant = Guid.CreateVersion7();
        var product = await AddedAsync(AProduct(tenant, "RA-1"));

        Assert.True(await Store(tenant).ApplyRatingAsync(product.Id, new Rating(4.5m, 6), 3, CancellationToken.None));

        var stored = await Store(tenant).GetAsync(product.Id, CancellationToken.None);
        Assert.Equal((new Rating(4.5m, 6), 3L, 1L), (stored!.Rating, stored.RatingVersion, stored.Version));
    }

    [Fact]
    public async Task A_stale_or_repeated_rating_version_changes_nothing()
    {
        var tenant = Guid.CreateVersion7();
        var product = await AddedAsync(AProduct(tenant, "RA-2"));
        await Store(tenant).ApplyRatingAsync(product.Id, new Rating(4m, 4), 5, CancellationToken.None);

        Assert.False(await Store(tenant).ApplyRatingAsync(product.Id, new Rating(1m, 1), 4, CancellationToken.None));
        Assert.False(await Store(tenant).ApplyRatingAsync(product.Id, new Rating(2m, 9), 5, CancellationToken.None));

        var stored = await Store(tenant).GetAsync(product.Id, CancellationToken.None);
        Assert.Equal((new Rating(4m, 4), 5L), (stored!.Rating, stored.RatingVersion));
    }

    [Fact]
    public async Task Concurrent_ratings_of_one_product_end_at_the_newest_version()
    {
        var tenant = Guid.CreateVersion7();
        var product = await AddedAsync(AProduct(tenant, "RA-3"));
        using var barrier = new Barrier(6);

        await Task.WhenAll(Enumerable.Range(1, 6).Select(v => Task.Run(async () =>
        {
            var store = Store(tenant);
            barrier.SignalAndWait(TestContext.Current.CancellationToken);
            await store.ApplyRatingAsync(product.Id, new Rating(v * 0.5m, v), v, CancellationToken.None);
        })));

        var stored = await Store(tenant).GetAsync(product.Id, CancellationToken.None);
        Assert.Equal((new Rating(3m, 6), 6L), (stored!.Rating, stored.RatingVersion));
    }

    [Fact]
    public async Task A_rating_for_another_tenants_product_changes_nothing_and_no_tenant_fails_closed()
    {
        var tenant = Guid.CreateVersion7();
        var product = await AddedAsync(AProduct(tenant, "RA-4"));

        Assert.False(await Store(Guid.CreateVersion7()).ApplyRatingAsync(product.Id, new Rating(5m, 1), 1, CancellationToken.None));
        await Assert.ThrowsAsync<TenantIsolationException>(() => Store(null).ApplyRatingAsync(product.Id, new Rating(5m, 1), 1, CancellationToken.None));

        var stored = await Store(tenant).GetAsync(product.Id, CancellationToken.None);
        Assert.Equal((Rating.None, 0L), (stored!.Rating, stored.RatingVersion));
    }

    [Fact]
    public async Task Search_filters_by_minimum_rating()
    {
        var tenant = Guid.CreateVersion7();
        var good = await AddedAsync(AProduct(tenant, "MR-1", name: "Good Kettle"));
        var poor = await AddedAsync(AProduct(tenant, "MR-2", name: "Poor Kettle"));
        await Store(tenant).ApplyRatingAsync(good.Id, new Rating(4.2m, 5), 1, CancellationToken.None);
        await Store(tenant).ApplyRatingAsync(poor.Id, new Rating(2m, 5), 1, CancellationToken.None);

        var result = await Store(tenant).SearchAsync(new ProductQuery { MinRating = 4m, Statuses = [ProductStatus.Active] }, CancellationToken.None);

        Assert.Equal([good.Id], result.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task An_added_product_reads_back_whole_by_id_by_slug_and_in_a_batch()
    {
        var tenant = Guid.CreateVersion7();
        var product = AProduct(tenant, "RT-1", attributes: new() { ["color"] = "red", ["size"] = "m" });
        product.Rating = new Rating(4.25m, 8);
        await AddedAsync(product);

        var byId = await Store(tenant).GetAsync(product.Id, CancellationToken.None);
        var bySlug = await Store(tenant).GetBySlugAsync(product.Slug, CancellationToken.None);
        var many = await Store(tenant).GetManyAsync([product.Id, Guid.CreateVersion7()], CancellationToken.None);

        Assert.NotNull(byId);
        Assert.Equal((product.Sku, product.Name, product.Description, product.Brand, product.CategoryPath, product.Price, product.Slug, product.Status),
            (byId.Sku, byId.Name, byId.Description, byId.Brand, byId.CategoryPath, byId.Price, byId.Slug, byId.Status));
        Assert.Equal(product.Attributes, byId.Attributes);
        Assert.Equal(product.Images, byId.Images);
        Assert.Equal(new Rating(4.25m, 8), byId.Rating);
        Assert.Equal(product.CreatedAt, byId.CreatedAt);
        Assert.Equal(1, byId.Version);
        Assert.Equal(tenant, byId.TenantId);
        Assert.Equal(product.Id, bySlug?.Id);
        Assert.Equal([product.Id], many.Select(p => p.Id));
    }

    [Fact]
    public async Task An_update_from_the_current_version_replaces_the_editable_state_and_keeps_rating_and_creation()
    {
        var tenant = Guid.CreateVersion7();
        var product = AProduct(tenant, "UP-1");
        product.Rating = new Rating(3.5m, 2);
        await AddedAsync(product);
        var changed = Copy(product, p => { p.Name = "Renamed"; p.Price = new Money(5m, "EUR"); p.Status = ProductStatus.Draft; p.UpdatedAt = T0.AddHours(1); p.Version = 2; });

        var write = await Store(tenant).UpdateAsync(changed, 1, Updated(changed), CancellationToken.None);

        Assert.Equal(ProductWriteOutcome.Written, write.Outcome);
        var stored = await Store(tenant).GetAsync(product.Id, CancellationToken.None);
        Assert.Equal(("Renamed", 5m, ProductStatus.Draft, 2L), (stored!.Name, stored.Price.Amount, stored.Status, stored.Version));
        Assert.Equal(new Rating(3.5m, 2), stored.Rating);
        Assert.Equal(T0, stored.CreatedAt);
        Assert.Equal(T0.AddHours(1), stored.UpdatedAt);
        Assert.Equal(["ProductCreated", "ProductUpdated"], await StagedEventsAsync(product.Id));
    }

    [Fact]
    public async Task An_update_from_a_stale_version_changes_nothing_and_answers_the_current_product()
    {
        var tenant = Guid.CreateVersion7();
        var product = await AddedAsync(AProduct(tenant, "ST-1"));
        var first = Copy(product, p => p.Name = "First");
        Assert.Equal(ProductWriteOutcome.Written, (await Store(tenant).UpdateAsync(first, 1, Updated(first), CancellationToken.None)).Outcome);
        var second = Copy(product, p => p.Name = "Second");

        var write = await Store(tenant).UpdateAsync(second, 1, Updated(second), CancellationToken.None);

        Assert.Equal(ProductWriteOutcome.VersionMismatch, write.Outcome);
        Assert.Equal(("First", 2L), (write.Product!.Name, write.Product.Version));
        Assert.Equal("First", (await Store(tenant).GetAsync(product.Id, CancellationToken.None))!.Name);
        Assert.Equal(["ProductCreated", "ProductUpdated"], await StagedEventsAsync(product.Id));
    }

    [Fact]
    public async Task Of_concurrent_updates_from_one_version_the_database_lets_exactly_one_through()
    {
        var tenant = Guid.CreateVersion7();
        var product = await AddedAsync(AProduct(tenant, "CC-1"));
        using var barrier = new Barrier(6);

        var writes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            var store = Store(tenant);
            var change = Copy(product, p => p.Price = new Money(i, "EUR"));
            barrier.SignalAndWait(TimeSpan.FromSeconds(10));
            return await store.UpdateAsync(change, 1, Updated(change), CancellationToken.None);
        })));

        Assert.Single(writes, w => w.Outcome == ProductWriteOutcome.Written);
        Assert.Equal(5, writes.Count(w => w.Outcome == ProductWriteOutcome.VersionMismatch));
        Assert.Equal(2, (await Store(tenant).GetAsync(product.Id, CancellationToken.None))!.Version);
        Assert.Equal(["ProductCreated", "ProductUpdated"], await StagedEventsAsync(product.Id));
    }

    [Fact]
    public async Task Sku_and_slug_are_unique_within_a_tenant_only()
    {
        var a = Guid.CreateVersion7();
        var b = Guid.CreateVersion7();
        var original = await AddedAsync(AProduct(a, "DUP-1"));

        var sameSku = AProduct(a, "DUP-1", name: "Other name");
        var sameSlug = AProduct(a, "DUP-2");
        sameSlug.Slug = original.Slug;
        var skuWrite = await Store(a).AddAsync(sameSku, Created(sameSku), CancellationToken.None);
        var slugWrite = await Store(a).AddAsync(sameSlug, Created(sameSlug), CancellationToken.None);
        var otherTenant = AProduct(b, "DUP-1");
        otherTenant.Slug = original.Slug;
        var otherWrite = await Store(b).AddAsync(otherTenant, Created(otherTenant), CancellationToken.None);

        Assert.Equal(ProductWriteOutcome.DuplicateSku, skuWrite.Outcome);
        Assert.Equal(ProductWriteOutcome.DuplicateSlug, slugWrite.Outcome);
        Assert.Equal(ProductWriteOutcome.Written, otherWrite.Outcome);
        Assert.Null(await Store(a).GetAsync(sameSku.Id, CancellationToken.None));
        Assert.Empty(await StagedEventsAsync(sameSku.Id));
        Assert.Empty(await StagedEventsAsync(sameSlug.Id));
    }

    [Fact]
    public async Task An_update_onto_another_products_sku_is_refused_and_changes_nothing()
    {
        var tenant = Guid.CreateVersion7();
        await AddedAsync(AProduct(tenant, "TAKEN-1"));
        var product = await AddedAsync(AProduct(tenant, "MINE-1"));
        var change = Copy(product, p => p.Sku = "TAKEN-1");

        var write = await Store(tenant).UpdateAsync(change, 1, Updated(change), CancellationToken.None);

        Assert.Equal(ProductWriteOutcome.DuplicateSku, write.Outcome);
        Assert.Equal(("MINE-1", 1L), ((await Store(tenant).GetAsync(product.Id, CancellationToken.None))!.Sku, 1L));
        Assert.Equal(["ProductCreated"], await StagedEventsAsync(product.Id));
    }

    [Fact]
    public async Task Another_tenants_product_cannot_be_read_or_updated()
    {
        var owner = Guid.CreateVersion7();
        var intruder = Guid.CreateVersion7();
        var product = await AddedAsync(AProduct(owner, "OWN-1"));
        var change = Copy(product, p => { p.TenantId = intruder; p.Name = "Hijacked"; });

        Assert.Null(await Store(intruder).GetAsync(product.Id, CancellationToken.None));
        Assert.Null(await Store(intruder).GetBySlugAsync(product.Slug, CancellationToken.None));
        Assert.Empty(await Store(intruder).GetManyAsync([product.Id], CancellationToken.None));
        Assert.Equal(ProductWriteOutcome.NotFound, (await Store(intruder).UpdateAsync(change, 1, Updated(change), CancellationToken.None)).Outcome);
        Assert.Equal(0, (await Store(intruder).SearchAsync(new ProductQuery(), CancellationToken.None)).Total);
        Assert.Equal("Sonor Wireless Headphones", (await Store(owner).GetAsync(product.Id, CancellationToken.None))!.Name);
    }

    [Fact]
    public async Task Without_a_tenant_every_operation_fails_closed()
    {
        var product = AProduct(Guid.CreateVersion7(), "NT-1");
        var store = Store(null);

        await Assert.ThrowsAsync<TenantIsolationException>(() => store.AddAsync(product, Created(product), CancellationToken.None));
        await Assert.ThrowsAsync<TenantIsolationException>(() => store.GetAsync(product.Id, CancellationToken.None));
        await Assert.ThrowsAsync<TenantIsolationException>(() => store.GetBySlugAsync(product.Slug, CancellationToken.None));
        await Assert.ThrowsAsync<TenantIsolationException>(() => store.GetManyAsync([product.Id], CancellationToken.None));
        await Assert.ThrowsAsync<TenantIsolationException>(() => store.UpdateAsync(product, 1, Updated(product), CancellationToken.None));
        await Assert.ThrowsAsync<TenantIsolationException>(() => store.SearchAsync(new ProductQuery(), CancellationToken.None));
    }

    async Task<(Guid Tenant, Dictionary<string, Product> Products)> ShopAsync()
    {
        var tenant = Guid.CreateVersion7();
        var products = new Dictionary<string, Product>
        {
            ["headphones"] = AProduct(tenant, "S-1", "Sonor Wireless Headphones", "electronics/audio/headphones", 199, "Sonor", minutes: 1),
            ["earbuds"] = AProduct(tenant, "S-2", "Sonor Sport Earbuds", "electronics/audio/earbuds", 79, "Sonor", attributes: new() { ["color"] = "red" }, minutes: 2),
            ["speaker"] = AProduct(tenant, "S-3", "Vikra Bookshelf Speaker", "electronics/audio/speakers", 349, "Vikra",
                description: "Pairs with wireless headphones.", attributes: new() { ["color"] = "red" }, minutes: 3),
            ["laptop"] = AProduct(tenant, "S-4", "Vikra Ultrabook", "electronics/computers/laptops", 1299, "Vikra", minutes: 4),
            ["pan"] = AProduct(tenant, "S-5", "Ferro Cast Iron Pan", "home/kitchen/cookware", 49.5m, "Ferro", description: "For the kitchen.", minutes: 5),
            ["draft"] = AProduct(tenant, "S-6", "Sonor Prototype Headphones", "electronics/audio/headphones", 999, "Sonor", ProductStatus.Draft, minutes: 6),
        };
        products["pan"].Rating = new Rating(4.8m, 10);
        products["earbuds"].Rating = new Rating(4.1m, 99);
        foreach (var p in products.Values) await AddedAsync(p);
        // A neighbour with matching products that must never show up.
        await AddedAsync(AProduct(Guid.CreateVersion7(), "S-1", "Sonor Wireless Headphones"));
        return (tenant, products);
    }

    static ProductQuery Active => new() { Statuses = [ProductStatus.Active] };

    async Task<string[]> KeysAsync(Guid tenant, Dictionary<string, Product> products, ProductQuery query) =>
        [.. (await Store(tenant).SearchAsync(query, CancellationToken.None)).Items.Select(i => products.Single(p => p.Value.Id == i.Id).Key)];

    [Fact]
    public async Task Search_ranks_text_matches_with_name_above_description()
    {
        var (tenant, products) = await ShopAsync();

        Assert.Equal(["headphones", "speaker"], await KeysAsync(tenant, products, Active with { Text = "wireless headphones" }));
        Assert.Equal(["pan"], await KeysAsync(tenant, products, Active with { Text = "kitchen" }));
        Assert.Empty(await KeysAsync(tenant, products, Active with { Text = "\"'():&|!" }));
    }

    [Fact]
    public async Task Search_filters_by_category_subtree_brand_price_attribute_and_status()
    {
        var (tenant, products) = await ShopAsync();

        Assert.Equal(["earbuds", "headphones", "speaker"], (await KeysAsync(tenant, products, Active with { Category = "electronics/audio" })).Order());
        Assert.Empty(await KeysAsync(tenant, products, Active with { Category = "electronics/aud" }));
        Assert.Equal(["earbuds", "headphones"], (await KeysAsync(tenant, products, Active with { Brands = ["Sonor"] })).Order());
        Assert.Equal(["earbuds", "pan"], (await KeysAsync(tenant, products, Active with { MinPrice = 49.5m, MaxPrice = 100 })).Order());
        Assert.Equal(["earbuds", "speaker"], (await KeysAsync(tenant, products, Active with { Attributes = new Dictionary<string, string> { ["color"] = "red" } })).Order());
        Assert.Equal(["draft"], await KeysAsync(tenant, products, new ProductQuery { Statuses = [ProductStatus.Draft] }));
        Assert.Equal(6, (await Store(tenant).SearchAsync(new ProductQuery(), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task Search_sorts_by_price_newest_and_rating()
    {
        var (tenant, products) = await ShopAsync();

        Assert.Equal(["pan", "earbuds", "headphones", "speaker", "laptop"], await KeysAsync(tenant, products, Active with { Sort = ProductSort.PriceAscending }));
        Assert.Equal(["laptop", "speaker", "headphones", "earbuds", "pan"], await KeysAsync(tenant, products, Active with { Sort = ProductSort.PriceDescending }));
        Assert.Equal(["pan", "laptop", "speaker", "earbuds", "headphones"], await KeysAsync(tenant, products, Active with { Sort = ProductSort.Newest }));
        Assert.Equal(["pan", "earbuds"], (await KeysAsync(tenant, products, Active with { Sort = ProductSort.Rating }))[..2]);
    }

    [Fact]
    public async Task Search_pages_with_the_total_and_counts_facets_over_all_matches()
    {
        var (tenant, products) = await ShopAsync();

        var page = await Store(tenant).SearchAsync(Active with { Sort = ProductSort.PriceAscending, Page = 2, PageSize = 2 }, CancellationToken.None);

        Assert.Equal(5, page.Total);
        Assert.Equal([products["headphones"].Id, products["speaker"].Id], page.Items.Select(i => i.Id));
        Assert.Equal([new FacetCount("Sonor", 2), new FacetCount("Vikra", 2), new FacetCount("Ferro", 1)], page.Brands);
        Assert.Equal(5, page.Categories.Sum(c => c.Count));
        var item = page.Items[0];
        Assert.Equal((products["headphones"].Sku, products["headphones"].Slug, new Money(199, "EUR"), "https://images.example/1.jpg"),
            (item.Sku, item.Slug, item.Price, item.Image));
        Assert.Empty((await Store(tenant).SearchAsync(Active with { Page = 10 }, CancellationToken.None)).Items);
    }
}
