using DaprShop.Catalog.Apis;
using DaprShop.Catalog.Domain;
using Microsoft.AspNetCore.WebUtilities;

namespace DaprShop.Catalog.Bench;

internal sealed record BenchQuery(string Kind, string QueryString, ProductQuery Parsed);

/// <summary>
/// A customer's mix over the demo catalogue (DemoCatalog): plain text, text with filters (facets always come back), and
/// category browsing. Each is parsed exactly as the API parses it, so the raw run executes the API's SQL.
/// </summary>
internal static class BenchQueries
{
    static readonly (string Kind, string Query)[] Mix =
    [
        ("text", "?q=headphones"),
        ("text", "?q=wireless+speaker"),
        ("text", "?q=leather"),
        ("text", "?q=espresso+machine"),
        ("text", "?q=mountain+bike"),
        ("text+filters", "?q=headphones&category=electronics&minPrice=50&maxPrice=300&attr.color=black"),
        ("text+filters", "?q=shoes&category=fashion&brand=Xalux&sort=price"),
        ("text+filters", "?q=premium&minPrice=100&sort=-price"),
        ("text+filters", "?q=lamp&category=home/decor&attr.material=oak&sort=rating"),
        ("category", "?category=electronics"),
        ("category", "?category=home/kitchen&sort=-price"),
        ("category", "?category=sports/cycling/bikes&sort=price&page=3"),
        ("category", "?category=fashion&sort=rating"),
        ("category", "?category=books&attr.format=paperback"),
    ];

    public static IReadOnlyList<BenchQuery> All { get; } =
    [
        .. Mix.Select(m => new BenchQuery(m.Kind, m.Query,
            ProductQueryParser.Parse(QueryHelpers.ParseQuery(m.Query), seesAllStatuses: false).Query
                ?? throw new InvalidOperationException("bench query does not parse: " + m.Query))),
    ];
}
