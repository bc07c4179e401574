extern alias ShippingApp;

using System.Net;
using System.Text.Json;
using DaprShop.Contracts;
using DaprShop.Scenario.Tests.Support;
using DaprShop.Testing;
using DaprShop.Testing.Http;
using ShippingApp::DaprShop.Shipping.Carriers.Simulator;

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
    static CancellationToken Ct => TestContext.Current.CancellationToken;
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

    [Fact]
    public async Task Duplicates_everywhere_a_carrier_outage_and_a_refusing_mail_server_lose_nothing_and_repeat_nothing()
    {
        var tenant = await Client.NewTenantAsync();
        var (kettle, _) = await Shopping.ProductAsync(tenant, 20m, units: 5);
        var shopper = await Shopping.ShopperAsync(tenant.Id);
        var email = shopper.Caller.Email;
        await shop.Mail.WaitForAsync(email);
        var carrier = shop.Shipping.Services.GetRequiredService<CarrierSimulator>();
        shop.Mail.RefuseAll();
        carrier.Down = true;
        // Every delivery of the order's and the shipment's events is made twice, to every subscriber, from here on.
        for (var i = 0; i < 20; i++)
        {
            shop.Dapr.Cluster.Faults.DuplicateNextDelivery(Topics.OrderEvents);
            shop.Dapr.Cluster.Faults.DuplicateNextDelivery(Topics.ShippingEvents);
        }

        try
        {
            await Shopping.AddToCartAsync(shopper, kettle, 1);
            var orderId = await Shopping.CheckedOutAsync(shopper);
            await Shopping.OrderOnceAsync(shopper, orderId, "processing");
            // The carrier is down: the shipment waits in shipping's queue, and goes out with the sweep once it is back.
            await Shopping.ShipmentAsync(shopper, orderId, "requested");
            carrier.Down = false;
            // Whatever breaker the outage opened in shipping's sidecar has timed out by the time the sweep comes.
            shop.Dapr.Cluster.ResetInvocationBreakers();
            // The sweep sends it once its back-off is over on shipping's clock. The request's own failed purchase sets
            // that back-off when it gives up (its row locked until then, so a sweep skips it): wait for it, then move the
            // clock past it once — not on and on, which would age every shopper's token past its lifetime for shipping.
            await Eventually.TrueAsync(async () => await shop.ShippingDb.ScalarAsync<int>(
                "select label_attempts from shipments where order_id = $1", orderId) >= 1, "the failed purchase queued the shipment");
            shop.ShippingClock.Advance(TimeSpan.FromSeconds(11));
            await Eventually.TrueAsync(async () =>
            {
                await shop.Dapr.Cluster.Bindings.FireAsync("shipment-dispatch", "shipping", Ct);
                return await shop.ShippingDb.ScalarAsync<string?>("select status from shipments where order_id = $1", orderId) != "requested";
            }, "the queued shipment went out once the carrier was back", TimeSpan.FromSeconds(60));
            // A step at a time, as the journey above: a delivery that overtook its dispatch would be answered RETRY by
            // ordering, and redelivery waits on the cluster's clock, which these tests hold still.
            shop.MoveParcels();
            await Shopping.OrderOnceAsync(shopper, orderId, "shipped");
            shop.MoveParcels();
            shop.MoveParcels();
            var delivered = await Shopping.OrderOnceAsync(shopper, orderId, "delivered");
            Assert.Equal(["pending", "confirmed", "processing", "shipped", "delivered"],
                delivered.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()));

            // The mail server refused every mail: each is retried once, then dead-lettered (confirmed, shipped, delivered).
            Task<long> DeadAsync() => shop.NotificationsDb.ScalarAsync<long>(
                "select count(*) from messages where user_id = $1 and channel = 'email' and status = 'dead'", shopper.Caller.UserId);
            await Eventually.TrueAsync(async () =>
            {
                shop.NotificationsClock.Advance(TimeSpan.FromSeconds(11));
                await shop.Dapr.Cluster.Bindings.FireAsync("notification-dispatch", "notifications", Ct);
                return await DeadAsync() == 3;
            }, "the refused mails were retried and dead-lettered", TimeSpan.FromSeconds(60));
            // The duplicates did reach the services that act on these events.
            Assert.All(new[] { "ordering", "notifications" }, app => Assert.Contains(shop.Dapr.Cluster.Calls.All,
                c => c.AppId == app && c.Operation == "deliver" && c.Outcome == "injected-duplicate"));

            // The server accepts again; an admin re-sends the dead letters: one mail per step.
            shop.Mail.Accept();
            var dead = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/notifications/notifications/dead-letters?pageSize=50", tenant.Admin.Token);
            foreach (var id in dead.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()))
                await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/notifications/notifications/dead-letters/{id}/resend", tenant.Admin.Token);
            var mails = await shop.Mail.WaitForAsync(email, count: 4, timeout: TimeSpan.FromSeconds(30));
            Assert.Equal(1, mails.Count(m => m.Subject.EndsWith("is confirmed", StringComparison.Ordinal)));
            Assert.Equal(1, mails.Count(m => m.Subject.EndsWith("has shipped", StringComparison.Ordinal)));
            Assert.Equal(1, mails.Count(m => m.Subject.EndsWith("was delivered", StringComparison.Ordinal)));
            try
            {
                await shop.Dapr.Cluster.PubSub.WhenIdleAsync(Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
            }
            catch (TimeoutException)
            {
                Assert.Fail("pub/sub never went idle (a redelivery waits on the cluster's clock); the last deliveries:\n" + string.Join("\n",
                    shop.Dapr.Cluster.Calls.Where(api: "pubsub").TakeLast(40).Select(c => $"{c.At:O} {c.AppId} {c.Operation} {c.Target} {c.Outcome}")));
            }
            Assert.Equal(4, (await shop.Mail.WaitForAsync(email, count: 4)).Count);

            // One shipment, one verified purchase, and of two reviews sent at once, one.
            Assert.Equal(1, await shop.ShippingDb.ScalarAsync<long>("select count(*) from shipments where order_id = $1", orderId));
            var body = new { rating = 5, title = "Great kettle", text = "Boils a litre in two minutes, quietly." };
            var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
                Client.SendAsync(HttpMethod.Post, $"/api/v1/reviews/products/{kettle}/reviews", shopper.Token, body)));
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], both.Select(r => r.StatusCode).Order());
        }
        finally
        {
            shop.Mail.Accept();
            carrier.Down = false;
            shop.Dapr.Cluster.Faults.ClearDeliveryFaults(Topics.OrderEvents);
            shop.Dapr.Cluster.Faults.ClearDeliveryFaults(Topics.ShippingEvents);
        }
    }
}
