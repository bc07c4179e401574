using FluentValidation;

namespace DaprShop.ServiceDefaults.Paging;

/// <summary>
/// The paging query of every list endpoint, <c>?page=1&amp;pageSize=20</c>: bind it with <c>[AsParameters]</c> and
/// guard it with <c>.WithValidation&lt;PageRequest&gt;()</c>. Out-of-range values are a validation problem, and the
/// offset is a <see cref="long"/>, so no page number can overflow it.
/// </summary>
public sealed record PageRequest(int? Page, int? PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Far beyond any real list; a bound keeps a client's number from reaching the database unchecked.</summary>
    public const int MaxPage = 1_000_000;

    public int PageOrDefault => Page ?? 1;
    public int PageSizeOrDefault => PageSize ?? DefaultPageSize;
    public long Offset => (long)(PageOrDefault - 1) * PageSizeOrDefault;
}

internal sealed class PageRequestValidator : AbstractValidator<PageRequest>
{
    public PageRequestValidator()
    {
        RuleFor(p => p.Page).InclusiveBetween(1, PageRequest.MaxPage);
        RuleFor(p => p.PageSize).InclusiveBetween(1, PageRequest.MaxPageSize);
    }
}
