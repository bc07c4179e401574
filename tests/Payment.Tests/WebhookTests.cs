using System.Net;
using System.Text.Json;
using DaprShop.Contracts.Payment;
using DaprShop.Payment.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Payment.Tests;

/// <summary>
/// The webhook route believes only what the provider signed: a pending payment moves on a valid signature, and a missing,
/// wrong, stale or replayed one is refused with nothing changed.
/// </summary>
public sealed class WebhookTests(PaymentService payment) : IClassFixture<PaymentService>
{
    PaymentApi Api => payment.Api;

    async Task<(Guid OrderId, string Body)> PendingAsync(string type = "authorization.succeeded", string? eventId = null)
    {
        var (customer, orderId, pending) = await Api.AuthorizedAsync(card: "4000000000003220");
        Assert.Equal(PaymentStatuses.Pending, pending.Status);
        var body = JsonSerializer.Serialize(new
        {
            id = eventId ?? "evt_" + Guid.NewGuid().ToString("N"),
            type,
            created = payment.Now.ToUnixTimeSeconds(),
            data = new
            {
                authorizationId = await payment.ProviderReferenceAsync(orderId),
                amount = 100m,
                currency = "EUR",
                declineCode = (string?)null,
                metadata = new Dictionary<string, string> { ["tenantId"] = customer.TenantId.ToString(), ["orderId"] = orderId.ToString() },
            },
        });
        return (orderId, body);
    }

    [Fact]
    public async Task A_validly_signed_webhook_authorises_the_pending_payment_once()
    {
        var (orderId, body) = await PendingAsync();

        var response = await Api.WebhookAsync(body, Api.Sign(body, payment.Now));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("authorized", await payment.StateOfAsync(orderId));
        Assert.Equal(1, await payment.CountEventsAsync(nameof(PaymentSucceeded), orderId));
    }

    [Fact]
    public async Task A_replayed_event_id_is_refused_and_changes_nothing()
    {
        var (orderId, body) = await PendingAsync();
        await Api.WebhookAsync(body, Api.Sign(body, payment.Now));

        var replay = await Api.WebhookAsync(body, Api.Sign(body, payment.Now));

        await ProblemAssert.IsProblemAsync(replay, HttpStatusCode.BadRequest, "https://daprshop.dev/problems/webhook-replayed");
        Assert.Equal(1, await payment.CountEventsAsync(nameof(PaymentSucceeded), orderId));
    }

    [Fact]
    public async Task The_same_webhook_delivered_many_times_at_once_is_applied_once()
    {
        var (orderId, body) = await PendingAsync();
        var signature = Api.Sign(body, payment.Now);
        var gate = new TaskCompletionSource();

        var deliveries = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return (await Api.WebhookAsync(body, signature)).StatusCode;
        })).ToList();
        gate.SetResult();
        var statuses = await Task.WhenAll(deliveries);

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.NoContent));
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.BadRequest));
        Assert.Equal(1, await payment.CountEventsAsync(nameof(PaymentSucceeded), orderId));
    }

    [Fact]
    public async Task A_webhook_signed_with_another_secret_is_401_and_changes_nothing()
    {
        var (orderId, body) = await PendingAsync();

        var response = await Api.WebhookAsync(body, Api.Sign(body, payment.Now, secret: "not-the-secret"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "https://daprshop.dev/problems/webhook-signature");
        Assert.Equal("pending", await payment.StateOfAsync(orderId));
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_401()
    {
        var (orderId, body) = await PendingAsync();
        var signature = Api.Sign(body, payment.Now);
        var forged = body.Replace("authorization.succeeded", "authorization.failed", StringComparison.Ordinal);

        await ProblemAssert.IsProblemAsync(await Api.WebhookAsync(forged, signature), HttpStatusCode.Unauthorized);
        Assert.Equal("pending", await payment.StateOfAsync(orderId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("t=1,v1=nothex")]
    public async Task A_missing_or_unreadable_signature_is_401(string? signature)
    {
        var (orderId, body) = await PendingAsync();

        await ProblemAssert.IsProblemAsync(await Api.WebhookAsync(body, signature), HttpStatusCode.Unauthorized);
        Assert.Equal("pending", await payment.StateOfAsync(orderId));
    }

    [Fact]
    public async Task A_webhook_signed_more_than_five_minutes_ago_is_stale()
    {
        var (orderId, body) = await PendingAsync();

        var response = await Api.WebhookAsync(body, Api.Sign(body, payment.Now.AddSeconds(-301)));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "https://daprshop.dev/problems/webhook-stale");
        Assert.Equal("pending", await payment.StateOfAsync(orderId));
    }

    [Fact]
    public async Task A_webhook_sent_straight_to_the_app_and_not_through_its_sidecar_is_401()
    {
        var (orderId, body) = await PendingAsync();

        var response = await Api.WebhookAsync(body, Api.Sign(body, payment.Now), direct: true);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("pending", await payment.StateOfAsync(orderId));
    }

    [Fact]
    public async Task A_signed_webhook_naming_another_tenant_finds_no_payment()
    {
        var (orderId, body) = await PendingAsync();
        var otherTenant = body.Replace(body.Split("\"tenantId\":\"")[1][..36], Guid.CreateVersion7().ToString(), StringComparison.Ordinal);

        var response = await Api.WebhookAsync(otherTenant, Api.Sign(otherTenant, payment.Now));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("pending", await payment.StateOfAsync(orderId));
    }
}
