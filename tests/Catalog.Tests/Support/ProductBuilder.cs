namespace DaprShop.Catalog.Tests.Support;

/// <summary>A product request body for one test: unique SKU, a sensible default for every field the test does not care about.</summary>
public sealed class ProductBuilder
{
    string _sku = "SKU-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
    string _name = "Sonor Wireless Headphones";
    string _description = "Comfortable over-ear headphones with long battery life.";
    string _brand = "Sonor";
    string _category = "electronics/audio/headphones";
    decimal _amount = 99.99m;
    string _currency = "EUR";
    Dictionary<string, string> _attributes = new() { ["color"] = "black" };
    string[] _images = ["https://images.example/headphones.jpg"];
    string? _slug;
    string? _status = "active";

    public static ProductBuilder AProduct() => new();

    public string Sku => _sku;

    public ProductBuilder WithSku(string sku) { _sku = sku; return this; }
    public ProductBuilder Named(string name) { _name = name; return this; }
    public ProductBuilder Described(string description) { _description = description; return this; }
    public ProductBuilder OfBrand(string brand) { _brand = brand; return this; }
    public ProductBuilder InCategory(string path) { _category = path; return this; }
    public ProductBuilder Priced(decimal amount, string currency = "EUR") { _amount = amount; _currency = currency; return this; }
    public ProductBuilder With(string attribute, string value) { _attributes[attribute] = value; return this; }
    public ProductBuilder WithSlug(string? slug) { _slug = slug; return this; }
    public ProductBuilder WithStatus(string? status) { _status = status; return this; }
    public ProductBuilder Draft() => WithStatus("draft");

    public object Request() => new
    {
        sku = _sku,
        name = _name,
        description = _description,
        brand = _brand,
        categoryPath = _category,
        price = new { amount = _amount, currency = _currency },
        attributes = _attributes,
        images = _images,
        slug = _slug,
        status = _status,
    };
}
