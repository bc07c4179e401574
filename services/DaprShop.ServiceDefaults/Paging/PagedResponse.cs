namespace DaprShop.ServiceDefaults.Paging;

/// <summary>The list shape every DaprShop service answers with (docs/api-conventions.md).</summary>
public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total)
{
    public PagedResponse<TOut> Map<TOut>(Func<T, TOut> map) => new([.. Items.Select(map)], Page, PageSize, Total);
}
