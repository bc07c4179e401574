using DaprShop.Catalog.Domain;
using DaprShop.Catalog.Seeding;
using DaprShop.Contracts.Money;

namespace DaprShop.Catalog.UnitTests;

public sealed class DemoCatalogTests
{
    static readonly Guid TenantA = Guid.Parse("01930000-0000-7000-8000-00000000d001");
    static readonly Guid TenantB = Guid.Parse("01930000-0000-7000-8000-00000000d002");

    [Fact]
    public void The_same_seed_and_tenant_give_the_same_catalogue_ids_included()
    {
        var first = new DemoCatalog(TenantA, 42).Products(0, 200).ToList();
        var second = new DemoCatalog(TenantA, 42).Products(0, 200).ToList();

        Assert.Equal(first.Select(p => (p.Id, p.Sku, p.Name, p.Price, p.Slug)), second.Select(p => (p.Id, p.Sku, p.Name, p.Price, p.Slug)));
    }

    [Fact]
    public void Two_tenants_get_different_catalogues() =>
        Assert.NotEqual(new DemoCatalog(TenantA, 42).Products(0, 10).Select(p => p.Name), new DemoCatalog(TenantB, 42).Products(0, 10).Select(p => p.Name));

    [Fact]
    public void Every_generated_product_would_pass_the_api_rules()
    {
        var products = new DemoCatalog(TenantA, 7).Products(0, 2_000).ToList();

        Assert.All(products, p =>
        {
            Assert.True(ProductRules.IsSku(p.Sku), p.Sku);
            Assert.True(Slugs.IsValid(p.Slug), p.Slug);
            Assert.True(CategoryPaths.IsValid(p.CategoryPath), p.CategoryPath);
            Assert.True(p.Name.Length <= ProductRules.MaxNameLength);
            Assert.True(p.Price.Amount is > 0 and <= ProductRules.MaxPrice);
            Assert.True(Currencies.FitsMinorUnits(p.Price.Amount, p.Price.Currency));
            Assert.All(p.Attributes.Keys, k => Assert.True(AttributeKeys.IsValid(k), k));
            Assert.Equal(7, p.Id.Version);
        });
        Assert.Equal(products.Count, products.Select(p => p.Sku).Distinct().Count());
        Assert.Equal(products.Count, products.Select(p => p.Slug).Distinct().Count());
        Assert.InRange(products.Count(p => p.Status == ProductStatus.Active) / (double)products.Count, 0.85, 0.95);
        Assert.True(products.Select(p => p.Brand).Distinct().Count() >= 20);
        Assert.True(products.Select(p => p.CategoryPath).Distinct().Count() >= 30);
    }

    [Fact]
    public void The_seed_command_reads_tenants_count_and_seed()
    {
        var command = SeedCommand.Parse(["seed", "--tenant", TenantA.ToString(), "--tenant", TenantB.ToString(), "--products", "100000", "--seed", "7"])!;

        Assert.Equal([TenantA, TenantB], command.Tenants);
        Assert.Equal(100_000, command.Products);
        Assert.Equal(7, command.Seed);
        Assert.Null(SeedCommand.Parse(["--urls", "http://127.0.0.1:8084"]));
        Assert.Equal(SeedCommand.DemoTenants, SeedCommand.Parse(["seed"])!.Tenants);
        Assert.Throws<ArgumentException>(() => SeedCommand.Parse(["seed", "--tenant", "acme"]));
        Assert.Throws<ArgumentException>(() => SeedCommand.Parse(["seed", "--products", "0"]));
        Assert.Throws<ArgumentException>(() => SeedCommand.Parse(["seed", "--bogus", "1"]));
    }
}
