namespace DaprShop.Scenario.Tests.Support;

/// <summary>The scenario classes that leave the shop running as they found it share one shop.</summary>
[CollectionDefinition(Name)]
public sealed class ShopCollection : ICollectionFixture<Shop>
{
    public const string Name = "shop";
}
