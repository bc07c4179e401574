using System.Net;
using System.Text.Json;

namespace DaprShop.Scenario.Tests.Support;

/// <summary>Products as an admin writes them through the gateway.</summary>
public static class Products
{
    public static object Body(string sku, string name, string brand, string category, decimal price, string status = "active",
        string description = "", Dictionary<string, string>? attributes = null) => new
        {
            sku,
            name,
            description,
            brand,
            categoryPath = category,
            price = new { amount = price, currency = "EUR" },
            attributes = attributes ?? new Dictionary<string, string>(),
            images = Array.Empty<string>(),
            status,
        };

    public static async Task<JsonElement> CreateAsync(this ShopClient client, Caller admin, object body) =>
        await client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/catalog/products", admin.Token, body);

    public static Guid Id(this JsonElement product) => product.GetProperty("id").GetGuid();
}
