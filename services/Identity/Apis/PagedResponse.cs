namespace DaprShop.Identity.Apis;

/// <summary>The list shape every DaprShop service answers with (DESIGN.md "Lists").</summary>
internal sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
