using Microsoft.EntityFrameworkCore;

namespace DaprShop.ServiceDefaults.Paging;

public static class PagingQueryExtensions
{
    /// <summary>
    /// One page of an ordered query with the total count. A page past the end is empty, with the real total; an offset
    /// beyond what SQL's OFFSET can take (the page number times the size, in <see cref="long"/>) is past the end too.
    /// </summary>
    public static async Task<PagedResponse<T>> ToPageAsync<T>(this IQueryable<T> ordered, PageRequest paging, CancellationToken ct)
    {
        var total = await ordered.LongCountAsync(ct);
        var items = paging.Offset >= total || paging.Offset > int.MaxValue
            ? []
            : await ordered.Skip((int)paging.Offset).Take(paging.PageSizeOrDefault).ToListAsync(ct);
        return new PagedResponse<T>(items, paging.PageOrDefault, paging.PageSizeOrDefault, total);
    }
}
