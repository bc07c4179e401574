namespace DaprShop.Identity.Apis.Requests;

/// <summary>Paging query of list endpoints (<c>?page=1&amp;pageSize=20</c>), bounded.</summary>
internal sealed record PageRequest(int? Page, int? PageSize)
{
    public const int MaxPageSize = 100;
    public int PageOrDefault => Page ?? 1;
    public int PageSizeOrDefault => PageSize ?? 20;
}
