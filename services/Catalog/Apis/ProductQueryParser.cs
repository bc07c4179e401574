using System.Globalization;
using DaprShop.Catalog.Domain;
using DaprShop.Contracts.Money;
using DaprShop.ServiceDefaults.Paging;
using Microsoft.Extensions.Primitives;

namespace DaprShop.Catalog.Apis;

/// <summary>
/// Turns the search query string (<c>?q=&amp;category=&amp;brand=&amp;minPrice=&amp;maxPrice=&amp;currency=&amp;minRating=&amp;attr.color=red&amp;status=&amp;sort=&amp;page=&amp;pageSize=</c>)
/// into a <see cref="ProductQuery"/>, or into field-level errors (400). Unknown parameters are ignored, like a cache buster.
/// </summary>
internal static class ProductQueryParser
{
    public const int MaxTextLength = 200;
    public const int MaxBrands = 20;
    public const int MaxAttributeFilters = 10;
    // The kit's paging bounds, so a search pages like every other list.
    public const int MaxPage = PageRequest.MaxPage;
    public const int MaxPageSize = PageRequest.MaxPageSize;
    public const int DefaultPageSize = PageRequest.DefaultPageSize;
    public const decimal MaxPrice = ProductRules.MaxPrice;
    public const string AttributePrefix = "attr.";

    static readonly Dictionary<string, ProductSort> Sorts = new(StringComparer.Ordinal)
    {
        ["relevance"] = ProductSort.Relevance,
        ["price"] = ProductSort.PriceAscending,
        ["-price"] = ProductSort.PriceDescending,
        ["newest"] = ProductSort.Newest,
        ["rating"] = ProductSort.Rating,
    };

    public static IReadOnlyCollection<string> SortNames => Sorts.Keys;

    /// <param name="query">The request's query string.</param>
    /// <param name="seesAllStatuses">Admins may filter by any status (any by default); everyone else sees active products only.</param>
    public static ProductQueryParse Parse(IEnumerable<KeyValuePair<string, StringValues>> query, bool seesAllStatuses)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Fail(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        var parameters = query.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, values) in parameters)
            if (values.Any(v => v is not null && v.Any(char.IsControl)))
                Fail(FieldName(key), "Must not contain control characters.");
        if (errors.Count > 0) return ProductQueryParse.Invalid(errors);

        string? Single(string name)
        {
            if (!parameters.TryGetValue(name, out var values) || values.Count == 0) return null;
            if (values.Count > 1) { Fail(name, "Give this parameter once."); return null; }
            return string.IsNullOrWhiteSpace(values[0]) ? null : values[0]!.Trim();
        }

        var text = Single("q");
        if (text is { Length: > MaxTextLength }) Fail("q", $"At most {MaxTextLength} characters.");

        var category = Single("category")?.Trim('/');
        if (category is not null && !CategoryPaths.IsValid(category))
            Fail("category", "A category path: lower case letters, digits and hyphens, segments separated by '/'.");

        var brands = parameters.TryGetValue("brand", out var b)
            ? b.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).ToList()
            : [];
        if (brands.Count > MaxBrands) Fail("brand", $"At most {MaxBrands} brands.");
        if (brands.Any(x => x.Length > ProductRules.MaxBrandLength)) Fail("brand", $"At most {ProductRules.MaxBrandLength} characters.");

        var minPrice = Price("minPrice");
        var maxPrice = Price("maxPrice");
        if (minPrice is { } lo && maxPrice is { } hi && lo > hi) Fail("maxPrice", "Must not be below minPrice.");
        decimal? Price(string name)
        {
            var raw = Single(name);
            if (raw is null) return null;
            if (!decimal.TryParse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value > MaxPrice)
            {
                Fail(name, $"A non-negative number up to {MaxPrice.ToString(CultureInfo.InvariantCulture)}.");
                return null;
            }
            return value;
        }

        var minRating = Single("minRating") is { } rawRating
            ? decimal.TryParse(rawRating, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r) && r <= 5m
                ? r
                : Fail2("minRating", "A number from 0 to 5.")
            : null;
        decimal? Fail2(string field, string message)
        {
            Fail(field, message);
            return null;
        }

        var currency = Single("currency");
        if (currency is not null && !Currencies.IsKnown(currency)) Fail("currency", "An ISO 4217 code in upper case, e.g. EUR.");

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, _) in parameters.Where(p => p.Key.StartsWith(AttributePrefix, StringComparison.OrdinalIgnoreCase)))
        {
            var name = key[AttributePrefix.Length..];
            var field = AttributePrefix + name;
            if (!AttributeKeys.IsValid(name)) { Fail(field, "An attribute name: lower case letters, digits, '-' and '_'."); continue; }
            var value = Single(key);
            if (value is null) continue;
            if (value.Length > AttributeKeys.MaxValueLength) { Fail(field, $"At most {AttributeKeys.MaxValueLength} characters."); continue; }
            attributes[name] = value;
        }
        if (attributes.Count > MaxAttributeFilters) Fail("attr", $"At most {MaxAttributeFilters} attribute filters.");

        var statuses = new List<ProductStatus>();
        if (parameters.TryGetValue("status", out var statusValues))
        {
            foreach (var raw in statusValues.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()))
            {
                if (!ProductStatuses.TryParse(raw, out var status)) Fail("status", $"One of {string.Join(", ", ProductStatuses.Names)}.");
                else if (!seesAllStatuses && status != ProductStatus.Active) Fail("status", "Only active products are visible.");
                else if (!statuses.Contains(status)) statuses.Add(status);
            }
        }
        if (!seesAllStatuses) statuses = [ProductStatus.Active];

        var sort = ProductSort.Relevance;
        if (Single("sort") is { } sortName && !Sorts.TryGetValue(sortName, out sort))
            Fail("sort", $"One of {string.Join(", ", Sorts.Keys)}.");

        var page = Int("page", 1, MaxPage, 1);
        var pageSize = Int("pageSize", 1, MaxPageSize, DefaultPageSize);
        int Int(string name, int min, int max, int fallback)
        {
            var raw = Single(name);
            if (raw is null) return fallback;
            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                Fail(name, $"A whole number from {min} to {max}.");
                return fallback;
            }
            return value;
        }

        if (errors.Count > 0) return ProductQueryParse.Invalid(errors);
        return new ProductQueryParse(new ProductQuery
        {
            Text = text,
            Category = category,
            Brands = brands,
            MinPrice = minPrice,
            MaxPrice = maxPrice,
            Currency = currency,
            MinRating = minRating,
            Attributes = attributes,
            Statuses = statuses,
            Sort = sort,
            Page = page,
            PageSize = pageSize,
        }, new Dictionary<string, string[]>());
    }

    static string FieldName(string key) =>
        key.StartsWith(AttributePrefix, StringComparison.OrdinalIgnoreCase) ? AttributePrefix + key[AttributePrefix.Length..] : key;
}

/// <summary>Either a query or the field-level reasons there is none.</summary>
internal sealed record ProductQueryParse(ProductQuery? Query, IReadOnlyDictionary<string, string[]> Errors)
{
    public static ProductQueryParse Invalid(Dictionary<string, List<string>> errors) =>
        new(null, errors.ToDictionary(e => e.Key, e => e.Value.Distinct().ToArray(), StringComparer.Ordinal));
}
