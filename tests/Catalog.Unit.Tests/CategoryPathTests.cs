using DaprShop.Catalog.Domain;

namespace DaprShop.Catalog.UnitTests;

public sealed class CategoryPathTests
{
    [Theory]
    [InlineData("electronics", true)]
    [InlineData("electronics/audio/headphones", true)]
    [InlineData("home/non-fiction", true)]
    [InlineData("a/b/c/d/e/f", true)]
    [InlineData("a/b/c/d/e/f/g", false)]
    [InlineData("electronics/", false)]
    [InlineData("/electronics", false)]
    [InlineData("electronics//audio", false)]
    [InlineData("Electronics", false)]
    [InlineData("elec_tronics", false)]
    [InlineData("elec%", false)]
    [InlineData("a.b", false)]
    [InlineData("$where", false)]
    [InlineData("", false)]
    public void Paths_are_lower_case_segments_without_like_or_mongo_metacharacters(string path, bool valid) =>
        Assert.Equal(valid, CategoryPaths.IsValid(path));

    [Fact]
    public void A_path_lists_itself_and_its_ancestors_root_first() =>
        Assert.Equal(["a", "a/b", "a/b/c"], CategoryPaths.SelfAndAncestors("a/b/c"));
}
