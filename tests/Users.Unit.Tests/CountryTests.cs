using DaprShop.Users.Domain;

namespace DaprShop.Users.UnitTests;

public sealed class CountryTests
{
    [Fact]
    public void Knows_the_249_assigned_alpha_2_codes() => Assert.Equal(249, Countries.Count);

    [Theory]
    [InlineData("US")]
    [InlineData("de")]
    [InlineData(" jp ")]
    [InlineData("AX")]
    [InlineData("ZW")]
    public void Accepts_assigned_codes_in_any_case(string code) => Assert.True(Countries.IsAssigned(code));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("UK")]      // the United Kingdom is GB
    [InlineData("XK")]      // user-assigned, not ISO
    [InlineData("USA")]
    [InlineData("U")]
    [InlineData("D E")]
    public void Refuses_anything_else(string? code) => Assert.False(Countries.IsAssigned(code));
}
