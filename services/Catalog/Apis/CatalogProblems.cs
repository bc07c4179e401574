namespace DaprShop.Catalog.Apis;

/// <summary>Problem types catalog adds to the shared ones (ServiceDefaults' ProblemTypes has no 428 yet).</summary>
internal static class CatalogProblems
{
    public const string PreconditionRequired = "https://daprshop.dev/problems/precondition-required";
    public const string DuplicateSku = "https://daprshop.dev/problems/duplicate-sku";
    public const string DuplicateSlug = "https://daprshop.dev/problems/duplicate-slug";
}
