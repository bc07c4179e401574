using System.Net;
using System.Text.Json;
using DaprShop.Scenario.Tests.Support;
using DaprShop.Testing;
using DaprShop.Testing.Http;

namespace DaprShop.Scenario.Tests;

/// <summary>
/// A shopper's whole life with the shop, through the gateway only, with every service real: sign up and the welcome
/// mail, search, cart, checkout, payment, the shipment with tracking, delivery, a mail at each step the shopper's
/// preferences allow, a review, its approval, and the product's rating in catalog search. Mails are read from the SMTP
/// server the notifications binding really spoke to.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class WholeJourneyTests(Shop shop)
{
    ShopClient Client => shop.Client;
    Shopping Shopping => new(shop);

    [Fact]
    public async Task Sign_up_to_review_with_a_mail_at_each_step_the_preferences_allow_and_the_rating_in_search()
    {
        var tenant = await Client.NewTenantAsync();
        var (kettle, _) = await Shopping.ProductAsync(tenant, 30m, units: 5);
        var shopper = await Shopping.ShopperAsync(tenant.Id);
        var email = shopper.Caller.Email;

        // Welcome, from identity's UserRegistered.
        Assert.Contains("Welcome", (await shop.Mail.WaitForAsync(email)).Single().Subject, StringComparison.Ordinal);
        // No "shipped" mail, please (not a transactional kind, so it may be turned off).
        await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/v1/notifications/notifications/preferences/me", shopper.Token,
            new { preferences = new[] { new { kind = "order_shipped", channel = "email", enabled = false } } });

        // Browse and search.
        var found = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/catalog/products?q=Kettle", shopper.Token);
        Assert.Contains(found.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == kettle);

        // Cart, checkout, payment, shipment, delivery.
        await Shopping.AddToCartAsync(shopper, kettle, 1);
        var orderId = await Shopping.CheckedOutAsync(shopper);
        var order = await Shopping.OrderOnceAsync(shopper, orderId, "processing");
        var number = order.GetProperty("number").GetString()!;
        await Shopping.ShipmentAsync(shopper, orderId, "label_purchased");
        shop.MoveParcels();
        await Shopping.OrderOnceAsync(shopper, orderId, "shipped");
        shop.MoveParcels();
        shop.MoveParcels();
        await Shopping.OrderOnceAsync(shopper, orderId, "delivered");

        // welcome, confirmed, delivered — and no shipped mail.
        var mails = await shop.Mail.WaitForAsync(email, count: 3, timeout: TimeSpan.FromSeconds(60));
        Assert.Equal(["Welcome", $"Your order {number} is confirmed", $"Your order {number} was delivered"],
            mails.Select(m => m.Subject.StartsWith("Welcome", StringComparison.Ordinal) ? "Welcome" : m.Subject));
        var log = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/notifications/notifications/me?pageSize=50", shopper.Token);
        Assert.DoesNotContain(log.GetProperty("items").EnumerateArray(),
            m => m.GetProperty("kind").GetString() == "order_shipped" && m.GetProperty("channel").GetString() == "email");

        // The verified purchaser reviews the product; an admin approves; the rating reaches catalog's search.
        var review = await Client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/v1/reviews/products/{kettle}/reviews", shopper.Token,
            new { rating = 4, title = "Boils fast", text = "Quiet, quick and the lid closes well." });
        var reviewId = review.GetProperty("id").GetGuid();
        if (review.GetProperty("status").GetString() != "approved")
            await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/reviews/reviews/{reviewId}/approve", tenant.Admin.Token);
        var shown = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/reviews/products/{kettle}/reviews", shopper.Token);
        Assert.Equal([reviewId], shown.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        await Eventually.TrueAsync(async () => await shop.CatalogDb.ScalarAsync<long>(
            "select count(*) from products where id = $1 and rating_count = 1", kettle) == 1, "catalog applied the product's rating", TimeSpan.FromSeconds(30));
        var byRating = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/catalog/products?sort=rating&minRating=4", shopper.Token);
        var rated = byRating.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == kettle);
        Assert.Equal(4m, rated.GetProperty("rating").GetProperty("average").GetDecimal());

        // A second review of the same product is refused.
        await ProblemAssert.IsProblemAsync(await Client.SendAsync(HttpMethod.Post, $"/api/v1/reviews/products/{kettle}/reviews", shopper.Token,
            new { rating = 5, title = "Again", text = "Reviewing it a second time." }), HttpStatusCode.Conflict);
    }
}
