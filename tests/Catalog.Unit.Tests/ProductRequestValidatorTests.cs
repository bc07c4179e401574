using DaprShop.Catalog.Apis.Requests;
using DaprShop.Contracts.Catalog;
using FluentValidation.TestHelper;

namespace DaprShop.Catalog.UnitTests;

public sealed class ProductRequestValidatorTests
{
    readonly ProductRequestValidator _validator = new();

    static ProductRequest AValidProduct() => new(
        Sku: "ELE-0001", Name: "Sonor Wireless Headphones", Description: "Over-ear.\nFolds flat.", Brand: "Sonor",
        CategoryPath: "electronics/audio/headphones", Price: new MoneyRequest(129.99m, "EUR"),
        Attributes: new Dictionary<string, string?> { ["color"] = "black" }, Images: ["https://img.example/1.jpg"], Slug: null, Status: "active");

    [Fact]
    public void A_complete_product_is_valid() => _validator.TestValidate(AValidProduct()).ShouldNotHaveAnyValidationErrors();

    [Fact]
    public void Only_sku_name_brand_category_and_price_are_required() =>
        _validator.TestValidate(new ProductRequest("S-1", "Tent", null, "Alpen", "sports", new MoneyRequest(1, "EUR"), null, null, null, null))
            .ShouldNotHaveAnyValidationErrors();

    [Theory]
    [InlineData("sku")]
    [InlineData("name")]
    [InlineData("brand")]
    [InlineData("categoryPath")]
    [InlineData("price")]
    public void A_missing_required_field_is_named(string field)
    {
        var r = AValidProduct();
        r = field switch
        {
            "sku" => r with { Sku = null },
            "name" => r with { Name = " " },
            "brand" => r with { Brand = null },
            "categoryPath" => r with { CategoryPath = "" },
            _ => r with { Price = null },
        };

        Assert.Contains(_validator.Validate(r).Errors, e => string.Equals(e.PropertyName, field, StringComparison.OrdinalIgnoreCase));
    }

    static readonly (string Field, ProductRequest Request)[] InvalidCases =
    [
        ("Sku", AValidProduct() with { Sku = "has space" }),
        ("Sku", AValidProduct() with { Sku = new string('S', 65) }),
        ("Name", AValidProduct() with { Name = new string('n', 201) }),
        ("Name", AValidProduct() with { Name = "bell\u0007" }),
        ("Name", AValidProduct() with { Name = "!!!", Slug = null }),
        ("Description", AValidProduct() with { Description = new string('d', 10_001) }),
        ("Description", AValidProduct() with { Description = "esc\u001b[31m" }),
        ("CategoryPath", AValidProduct() with { CategoryPath = "Electronics/Audio" }),
        ("price.amount", AValidProduct() with { Price = new MoneyRequest(-0.01m, "EUR") }),
        ("price.amount", AValidProduct() with { Price = new MoneyRequest(1_000_000_000.01m, "EUR") }),
        ("price.amount", AValidProduct() with { Price = new MoneyRequest(null, "EUR") }),
        ("price.amount", AValidProduct() with { Price = new MoneyRequest(12.345m, "EUR") }),
        ("price.amount", AValidProduct() with { Price = new MoneyRequest(100.5m, "JPY") }),
        ("price.currency", AValidProduct() with { Price = new MoneyRequest(1, "eur") }),
        ("price.currency", AValidProduct() with { Price = new MoneyRequest(1, "ABC") }),
        ("attributes", AValidProduct() with { Attributes = new Dictionary<string, string?> { ["Color"] = "red" } }),
        ("attributes", AValidProduct() with { Attributes = new Dictionary<string, string?> { ["a.b"] = "red" } }),
        ("attributes", AValidProduct() with { Attributes = new Dictionary<string, string?> { ["color"] = null } }),
        ("Attributes", AValidProduct() with { Attributes = Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", i => (string?)"v") }),
        ("Images[0]", AValidProduct() with { Images = ["javascript:alert(1)"] }),
        ("Images[0]", AValidProduct() with { Images = ["/relative.jpg"] }),
        ("Images", AValidProduct() with { Images = [.. Enumerable.Repeat<string?>("https://img.example/1.jpg", 21)] }),
        ("Slug", AValidProduct() with { Slug = "Not A Slug" }),
        ( "Status", AValidProduct() with { Status = "deleted" } ),
    ];

    public static TheoryData<int> Invalid => [.. Enumerable.Range(0, InvalidCases.Length)];

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Bad_fields_are_refused_by_name(int index)
    {
        var (field, request) = InvalidCases[index];
        var errors = _validator.Validate(request).Errors;

        Assert.Contains(errors, e => e.PropertyName.StartsWith(field, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_lookup_takes_1_to_200_non_empty_ids()
    {
        var v = new LookupRequestValidator();

        Assert.True(v.Validate(new ProductLookupRequest([Guid.CreateVersion7()])).IsValid);
        Assert.False(v.Validate(new ProductLookupRequest([])).IsValid);
        Assert.False(v.Validate(new ProductLookupRequest(null)).IsValid);
        Assert.False(v.Validate(new ProductLookupRequest([Guid.Empty])).IsValid);
        Assert.False(v.Validate(new ProductLookupRequest([.. Enumerable.Range(0, 201).Select(_ => Guid.CreateVersion7())])).IsValid);
    }
}
