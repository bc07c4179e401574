using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DaprShop.Catalog.Domain;

namespace DaprShop.Catalog.Seeding;

/// <summary>
/// A realistic, deterministic demo catalogue: the same seed and tenant give the same products (ids included), so a
/// demo or a benchmark can be rebuilt exactly. Brands are invented from syllables per tenant; categories, nouns,
/// attributes and price ranges come from the table below.
/// </summary>
internal sealed class DemoCatalog
{
    sealed record Leaf(string Path, string[] Nouns, decimal MinPrice, decimal MaxPrice, string[] AttributeKinds);

    static readonly Leaf[] Leaves =
    [
        new("electronics/audio/headphones", ["Headphones", "Over-Ear Headphones", "Studio Headphones", "Noise Cancelling Headphones"], 19, 499, ["color", "connectivity", "battery-hours"]),
        new("electronics/audio/speakers", ["Speaker", "Bookshelf Speakers", "Smart Speaker", "Soundbar"], 29, 899, ["color", "connectivity", "power-watts"]),
        new("electronics/audio/earbuds", ["Earbuds", "True Wireless Earbuds", "Sport Earbuds"], 15, 299, ["color", "connectivity", "battery-hours"]),
        new("electronics/computers/laptops", ["Laptop", "Ultrabook", "Gaming Laptop", "Convertible Laptop"], 399, 3499, ["color", "screen-size", "memory", "storage"]),
        new("electronics/computers/monitors", ["Monitor", "Curved Monitor", "4K Monitor", "Gaming Monitor"], 99, 1499, ["screen-size", "resolution", "refresh-rate"]),
        new("electronics/computers/keyboards", ["Keyboard", "Mechanical Keyboard", "Wireless Keyboard"], 19, 249, ["color", "layout", "connectivity"]),
        new("electronics/phones/smartphones", ["Smartphone", "Phone", "Camera Phone"], 149, 1599, ["color", "storage", "screen-size"]),
        new("electronics/phones/cases", ["Phone Case", "Rugged Case", "Leather Case"], 9, 79, ["color", "material"]),
        new("electronics/phones/chargers", ["Charger", "Fast Charger", "Wireless Charger", "Power Bank"], 9, 129, ["power-watts", "connectivity"]),
        new("electronics/cameras/mirrorless", ["Mirrorless Camera", "Vlogging Camera", "Compact Camera"], 299, 3999, ["color", "sensor", "megapixels"]),
        new("electronics/cameras/lenses", ["Prime Lens", "Zoom Lens", "Macro Lens", "Wide Angle Lens"], 99, 2499, ["mount", "focal-length"]),
        new("home/kitchen/cookware", ["Frying Pan", "Saucepan", "Dutch Oven", "Wok", "Cookware Set"], 15, 399, ["material", "size", "color"]),
        new("home/kitchen/knives", ["Chef Knife", "Knife Set", "Santoku Knife", "Bread Knife"], 19, 349, ["material", "size"]),
        new("home/kitchen/coffee", ["Espresso Machine", "Coffee Grinder", "French Press", "Pour-Over Kettle"], 19, 1299, ["color", "material"]),
        new("home/furniture/chairs", ["Office Chair", "Dining Chair", "Lounge Chair", "Stool"], 49, 899, ["color", "material"]),
        new("home/furniture/desks", ["Standing Desk", "Writing Desk", "Corner Desk"], 99, 1199, ["color", "material", "size"]),
        new("home/furniture/shelves", ["Bookshelf", "Wall Shelf", "Shelving Unit"], 29, 499, ["color", "material"]),
        new("home/decor/lamps", ["Desk Lamp", "Floor Lamp", "Pendant Light", "Table Lamp"], 19, 399, ["color", "material"]),
        new("home/decor/rugs", ["Area Rug", "Runner Rug", "Wool Rug"], 29, 899, ["color", "size", "material"]),
        new("fashion/men/shirts", ["Oxford Shirt", "Linen Shirt", "T-Shirt", "Polo Shirt"], 12, 149, ["color", "size", "material"]),
        new("fashion/men/jackets", ["Rain Jacket", "Down Jacket", "Denim Jacket", "Blazer"], 49, 599, ["color", "size", "material"]),
        new("fashion/men/shoes", ["Sneakers", "Running Shoes", "Leather Boots", "Loafers"], 39, 399, ["color", "shoe-size", "material"]),
        new("fashion/women/dresses", ["Summer Dress", "Wrap Dress", "Evening Dress", "Shirt Dress"], 25, 399, ["color", "size", "material"]),
        new("fashion/women/shoes", ["Sneakers", "Ankle Boots", "Sandals", "Ballet Flats"], 29, 399, ["color", "shoe-size", "material"]),
        new("fashion/women/bags", ["Tote Bag", "Crossbody Bag", "Backpack", "Clutch"], 25, 899, ["color", "material"]),
        new("fashion/accessories/watches", ["Watch", "Chronograph", "Smartwatch", "Dive Watch"], 49, 2999, ["color", "material", "strap"]),
        new("fashion/accessories/sunglasses", ["Sunglasses", "Aviator Sunglasses", "Polarized Sunglasses"], 19, 299, ["color", "material"]),
        new("sports/outdoor/tents", ["Tent", "Backpacking Tent", "Family Tent"], 59, 899, ["capacity", "weight-kg", "color"]),
        new("sports/outdoor/backpacks", ["Hiking Backpack", "Daypack", "Trekking Backpack"], 29, 349, ["color", "volume-liters"]),
        new("sports/fitness/weights", ["Dumbbell Set", "Kettlebell", "Barbell", "Weight Plates"], 19, 799, ["weight-kg", "material"]),
        new("sports/fitness/yoga", ["Yoga Mat", "Yoga Block", "Yoga Strap"], 9, 149, ["color", "material"]),
        new("sports/cycling/bikes", ["Road Bike", "Mountain Bike", "City Bike", "Gravel Bike"], 299, 5999, ["color", "frame-size", "material"]),
        new("sports/cycling/helmets", ["Bike Helmet", "MIPS Helmet", "Commuter Helmet"], 29, 299, ["color", "size"]),
        new("books/fiction", ["Novel", "Thriller", "Fantasy Novel", "Short Stories"], 8, 39, ["format", "language"]),
        new("books/non-fiction/history", ["History of Europe", "Ancient Rome", "World War Chronicle"], 12, 59, ["format", "language"]),
        new("books/non-fiction/science", ["Physics Primer", "Biology Handbook", "Astronomy Guide"], 12, 79, ["format", "language"]),
        new("books/children", ["Picture Book", "Bedtime Stories", "Activity Book"], 6, 29, ["format", "age"]),
        new("toys/building", ["Building Set", "Construction Kit", "Magnetic Tiles"], 14, 299, ["age", "pieces"]),
        new("toys/games/board-games", ["Board Game", "Strategy Game", "Party Game"], 14, 119, ["age", "players"]),
        new("toys/games/puzzles", ["Jigsaw Puzzle", "3D Puzzle", "Puzzle Box"], 9, 79, ["age", "pieces"]),
        new("beauty/skincare", ["Face Cream", "Serum", "Cleanser", "Sunscreen"], 7, 149, ["skin-type", "volume-ml"]),
        new("beauty/fragrance", ["Eau de Parfum", "Eau de Toilette", "Body Mist"], 15, 249, ["volume-ml", "scent"]),
        new("garden/tools", ["Pruning Shears", "Garden Hose", "Lawn Mower", "Leaf Blower"], 9, 899, ["color", "power-watts"]),
        new("garden/plants", ["Olive Tree", "Monstera", "Herb Set", "Rose Bush"], 9, 199, ["size", "light"]),
    ];

    static readonly Dictionary<string, string[]> AttributeValues = new(StringComparer.Ordinal)
    {
        ["color"] = ["black", "white", "grey", "silver", "red", "blue", "green", "navy", "beige", "brown", "pink", "yellow"],
        ["connectivity"] = ["bluetooth", "wired", "usb-c", "wifi", "bluetooth+wired"],
        ["battery-hours"] = ["8", "12", "20", "30", "40", "60"],
        ["power-watts"] = ["10", "20", "30", "65", "100", "500", "1200"],
        ["screen-size"] = ["6.1", "6.7", "13.3", "14", "15.6", "24", "27", "32"],
        ["memory"] = ["8GB", "16GB", "32GB", "64GB"],
        ["storage"] = ["128GB", "256GB", "512GB", "1TB", "2TB"],
        ["resolution"] = ["1080p", "1440p", "4K", "5K"],
        ["refresh-rate"] = ["60Hz", "75Hz", "144Hz", "165Hz", "240Hz"],
        ["layout"] = ["us", "uk", "de", "fr", "nordic"],
        ["material"] = ["steel", "aluminium", "cotton", "linen", "wool", "leather", "oak", "walnut", "plastic", "cast-iron", "ceramic", "bamboo"],
        ["size"] = ["xs", "s", "m", "l", "xl", "xxl"],
        ["shoe-size"] = ["37", "38", "39", "40", "41", "42", "43", "44", "45", "46"],
        ["sensor"] = ["full-frame", "aps-c", "micro-four-thirds"],
        ["megapixels"] = ["20", "24", "33", "45", "61"],
        ["mount"] = ["e-mount", "rf-mount", "z-mount", "x-mount", "l-mount"],
        ["focal-length"] = ["14mm", "24mm", "35mm", "50mm", "85mm", "24-70mm", "70-200mm"],
        ["strap"] = ["leather", "steel", "rubber", "nylon"],
        ["capacity"] = ["1", "2", "3", "4", "6"],
        ["weight-kg"] = ["1", "2", "4", "8", "12", "20"],
        ["volume-liters"] = ["20", "28", "35", "45", "65"],
        ["frame-size"] = ["s", "m", "l", "xl"],
        ["format"] = ["hardcover", "paperback", "ebook", "audiobook"],
        ["language"] = ["en", "de", "fr", "es", "it"],
        ["age"] = ["0+", "3+", "6+", "8+", "12+"],
        ["pieces"] = ["100", "500", "1000", "1500", "3000"],
        ["players"] = ["1-4", "2-4", "2-6", "3-8"],
        ["skin-type"] = ["dry", "oily", "combination", "sensitive", "all"],
        ["volume-ml"] = ["30", "50", "100", "200"],
        ["scent"] = ["citrus", "woody", "floral", "fresh", "oriental"],
        ["light"] = ["full-sun", "partial-shade", "shade"],
    };

    static readonly string[] Adjectives =
    [
        "Classic", "Pro", "Essential", "Compact", "Premium", "Ultra", "Lite", "Advanced", "Signature", "Everyday", "Travel", "Studio",
        "Urban", "Alpine", "Coastal", "Nordic", "Heritage", "Modern", "Vintage", "Eco", "Smart", "Wireless", "Deluxe", "Active",
    ];

    static readonly string[] Syllables =
    [
        "ar", "bel", "cor", "dan", "el", "fa", "gor", "hal", "is", "jun", "ka", "lum", "mar", "nor", "ol", "pra", "qui", "ra", "sol", "tor",
        "ul", "ven", "wi", "xa", "yo", "zen", "tek", "lux", "nova", "vik", "sen", "dra", "mo", "ter", "ax", "on",
    ];

    static readonly string[] Features =
    [
        "built to last", "designed for everyday use", "with a two-year warranty", "tested by professionals", "made from recycled materials",
        "easy to clean", "lightweight and durable", "with a minimalist design", "loved by reviewers", "ideal as a gift",
        "engineered for comfort", "backed by our satisfaction guarantee", "finished by hand", "energy efficient",
    ];

    readonly Random _random;
    readonly string[] _brands;
    readonly DateTimeOffset _epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    readonly string _currency;

    public DemoCatalog(Guid tenantId, int seed, string currency = "EUR")
    {
        _random = new Random(seed ^ StableHash(tenantId));
        _currency = currency;
        _brands = [.. Enumerable.Range(0, 60).Select(_ => Brand()).Distinct(StringComparer.Ordinal)];
    }

    public static IReadOnlyList<string> CategoryPaths => [.. Leaves.Select(l => l.Path)];

    /// <summary>Products number <paramref name="from"/> to from + count - 1; call in order for a deterministic catalogue.</summary>
    public IEnumerable<Product> Products(int from, int count)
    {
        for (var i = from; i < from + count; i++) yield return Product(i);
    }

    Product Product(int number)
    {
        var leaf = Leaves[_random.Next(Leaves.Length)];
        // A brand sells in a few categories: the brand pool is sliced by the leaf's position.
        var brandSlice = Array.IndexOf(Leaves, leaf) * 7 % _brands.Length;
        var brand = _brands[(brandSlice + _random.Next(12)) % _brands.Length];
        var noun = Pick(leaf.Nouns);
        var adjective = Pick(Adjectives);
        var model = $"{(char)('A' + _random.Next(26))}{_random.Next(1, 100) * 10}";
        var name = $"{brand} {adjective} {noun} {model}";
        var sku = $"{leaf.Path[..3].ToUpperInvariant()}-{number:D7}";
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kind in leaf.AttributeKinds) attributes[kind] = Pick(AttributeValues[kind]);
        var created = _epoch.AddMinutes(_random.Next(0, 60 * 24 * 700));
        var rated = _random.NextDouble() < 0.7;
        var images = Enumerable.Range(1, _random.Next(1, 4)).Select(n => $"https://images.daprshop.example/{sku.ToLowerInvariant()}/{n}.jpg").ToList();
        var statusRoll = _random.NextDouble();
        return new Product
        {
            Id = DeterministicVersion7(created),
            Sku = sku,
            Name = name,
            Description = Description(brand, noun, attributes),
            Brand = brand,
            CategoryPath = leaf.Path,
            Price = new Money(Price(leaf), _currency),
            Attributes = attributes,
            Images = images,
            Slug = Slugs.WithSuffix(Slugs.FromName(name), Slugs.FromName(sku)),
            Status = statusRoll < 0.9 ? ProductStatus.Active : statusRoll < 0.97 ? ProductStatus.Draft : ProductStatus.Archived,
            Rating = rated ? new Rating(Math.Round((decimal)(2.5 + _random.NextDouble() * 2.5), 2), _random.Next(1, 2000)) : Rating.None,
            CreatedAt = created,
            UpdatedAt = created,
            Version = 1,
        };
    }

    string Description(string brand, string noun, Dictionary<string, string> attributes)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"The {brand} {noun.ToLowerInvariant()} is {Pick(Features)} and {Pick(Features)}. ");
        foreach (var (key, value) in attributes.Take(2)) sb.Append(CultureInfo.InvariantCulture, $"{Capitalise(key.Replace('-', ' '))}: {value}. ");
        sb.Append(CultureInfo.InvariantCulture, $"{Capitalise(Pick(Features))}.");
        return sb.ToString();
    }

    decimal Price(Leaf leaf)
    {
        // Log-uniform: cheap items are common, expensive ones rare, as in a real shop.
        var log = Math.Log((double)leaf.MinPrice) + _random.NextDouble() * (Math.Log((double)leaf.MaxPrice) - Math.Log((double)leaf.MinPrice));
        var whole = Math.Max(1, (int)Math.Exp(log));
        return whole + (_random.Next(3) == 0 ? 0m : 0.99m);
    }

    string Brand()
    {
        var name = string.Concat(Enumerable.Range(0, _random.Next(2, 4)).Select(_ => Pick(Syllables)));
        return Capitalise(name);
    }

    T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    Guid DeterministicVersion7(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        var ms = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++) bytes[i] = (byte)(ms >> (8 * (5 - i)));
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    static int StableHash(Guid tenantId) => BitConverter.ToInt32(SHA256.HashData(tenantId.ToByteArray()), 0);
}
