namespace DaprShop.Catalog.Domain;

/// <summary>The review summary the reviews service feeds through its events; zero until then.</summary>
public sealed record Rating(decimal Average, int Count)
{
    public static Rating None { get; } = new(0m, 0);
}
