using DaprShop.ServiceDefaults.Paging;

namespace DaprShop.ServiceDefaults.Unit.Tests;

public sealed class PageRequestTests
{
    static readonly PageRequestValidator Validator = new();

    [Fact]
    public void Defaults_to_the_first_page_of_twenty() =>
        Assert.Equal((1, 20, 0L), (new PageRequest(null, null).PageOrDefault, new PageRequest(null, null).PageSizeOrDefault, new PageRequest(null, null).Offset));

    [Fact]
    public void The_offset_of_the_last_allowed_page_does_not_overflow() =>
        Assert.Equal((long)(PageRequest.MaxPage - 1) * PageRequest.MaxPageSize, new PageRequest(PageRequest.MaxPage, PageRequest.MaxPageSize).Offset);

    [Theory]
    [InlineData(0, 20)]
    [InlineData(-1, 20)]
    [InlineData(1, 0)]
    [InlineData(1, 101)]
    [InlineData(21_474_838, 100)]
    [InlineData(int.MaxValue, 100)]
    public void Out_of_range_pages_are_refused(int page, int size) =>
        Assert.False(Validator.Validate(new PageRequest(page, size)).IsValid);

    [Theory]
    [InlineData(null, null)]
    [InlineData(1, 1)]
    [InlineData(1_000_000, 100)]
    public void Pages_in_range_are_accepted(int? page, int? size) =>
        Assert.True(Validator.Validate(new PageRequest(page, size)).IsValid);
}
