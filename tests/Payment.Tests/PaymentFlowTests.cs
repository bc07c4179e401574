using System.Net;
using DaprShop.Contracts.Payment;
using DaprShop.Payment.Tests.Support;
using DaprShop.Testing;
using DaprShop.Testing.Http;
using static DaprShop.Payment.Tests.Support.PaymentApi;

namespace DaprShop.Payment.Tests;

/// <summary>The saga's calls, end to end on the real app: authorise, capture, void, refund, and what each announces.</summary>
public sealed class PaymentFlowTests(PaymentService payment) : IClassFixture<PaymentService>
{
    PaymentApi Api => payment.Api;

    [Fact]
    public async Task Authorise_then_capture_takes_the_money_once_and_announces_both()
    {
        var (customer, orderId, authorized) = await Api.AuthorizedAsync(42.50m);

        var captured = await OkAsync<PaymentResponse>(await Api.CaptureAsync(customer.TenantId, orderId));

        Assert.Equal((PaymentStatuses.Authorized, 42.50m), (authorized.Status, authorized.AuthorizedAmount));
        Assert.Equal((PaymentStatuses.Captured, 42.50m), (captured.Status, captured.CapturedAmount));
        Assert.Equal(("visa", "4242"), (captured.CardBrand, captured.CardLast4));
        Assert.Equal(1, payment.Simulator.Find(await payment.ProviderReferenceAsync(orderId))!.Captures);
        Assert.Equal(1, await payment.CountEventsAsync(nameof(PaymentSucceeded), orderId, PaymentOperations.Authorize));
        Assert.Equal(1, await payment.CountEventsAsync(nameof(PaymentSucceeded), orderId, PaymentOperations.Capture));
    }

    [Fact]
    public async Task Authorising_the_same_order_again_answers_the_first_payment_without_a_second_authorisation()
    {
        var (customer, orderId, first) = await Api.AuthorizedAsync();
        var token = (await OkAsync<PageView<PaymentMethodView>>(await Api.SendAsync(HttpMethod.Get, "/api/v1/payment-methods", customer.Token))).Items[0].Token;
        var before = payment.Simulator.AuthorizationCount;

        var again = await OkAsync<PaymentResponse>(await Api.AuthorizeAsync(customer.TenantId, orderId, customer.UserId, token));

        Assert.Equal(first.PaymentId, again.PaymentId);
        Assert.Equal(before, payment.Simulator.AuthorizationCount);
        Assert.Equal(1, await payment.CountEventsAsync(nameof(PaymentSucceeded), orderId));
    }

    [Fact]
    public async Task The_same_order_with_another_amount_is_422_and_changes_nothing()
    {
        var (customer, orderId, _) = await Api.AuthorizedAsync(100m);
        var method = await Api.AddCardOkAsync(customer);

        var response = await Api.AuthorizeAsync(customer.TenantId, orderId, customer.UserId, method.Token, 101m);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(100m, (await OkAsync<PaymentResponse>(await Api.GetAsync(customer.TenantId, orderId))).Amount.Amount);
    }

    [Theory]
    [InlineData("4000000000000002", "card_declined")]
    [InlineData("4000000000009995", "insufficient_funds")]
    public async Task A_declined_card_fails_with_its_reason_and_holds_nothing(string card, string code)
    {
        var customer = payment.NewCustomer();
        var method = await Api.AddCardOkAsync(customer, card);
        var orderId = Guid.CreateVersion7();

        var failed = await OkAsync<PaymentResponse>(await Api.AuthorizeAsync(customer.TenantId, orderId, customer.UserId, method.Token),
            HttpStatusCode.Created);

        Assert.Equal((PaymentStatuses.Failed, code, 0m), (failed.Status, failed.FailureCode, failed.AuthorizedAmount));
        Assert.Equal(1, await payment.CountEventsAsync(nameof(PaymentFailed), orderId, PaymentOperations.Authorize));
        Assert.Equal(0, await payment.CountEventsAsync(nameof(PaymentSucceeded), orderId));
        await ProblemAssert.IsProblemAsync(await Api.CaptureAsync(customer.TenantId, orderId), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_capture_failing_card_authorises_then_fails_at_capture_and_says_so()
    {
        var (customer, orderId, authorized) = await Api.AuthorizedAsync(card: "4000000000000341");

        var failed = await OkAsync<PaymentResponse>(await Api.CaptureAsync(customer.TenantId, orderId));

        Assert.Equal(PaymentStatuses.Authorized, authorized.Status);
        Assert.Equal((PaymentStatuses.Failed, "capture_failed", 0m), (failed.Status, failed.FailureCode, failed.CapturedAmount));
        Assert.Equal(1, await payment.CountEventsAsync(nameof(PaymentFailed), orderId, PaymentOperations.Capture));
    }

    [Fact]
    public async Task A_void_releases_the_authorisation_and_a_capture_after_it_is_409()
    {
        var (customer, orderId, _) = await Api.AuthorizedAsync();

        var voided = await OkAsync<PaymentResponse>(await Api.VoidAsync(customer.TenantId, orderId));
        var voidAgain = await OkAsync<PaymentResponse>(await Api.VoidAsync(customer.TenantId, orderId));
        var capture = await Api.CaptureAsync(customer.TenantId, orderId);

        Assert.Equal(PaymentStatuses.Voided, voided.Status);
        Assert.Equal(PaymentStatuses.Voided, voidAgain.Status);
        await ProblemAssert.IsProblemAsync(capture, HttpStatusCode.Conflict, "https://daprshop.dev/problems/payment-state");
        Assert.Equal("voided", payment.Simulator.Find(await payment.ProviderReferenceAsync(orderId))!.Status);
    }

    [Fact]
    public async Task A_captured_payment_cannot_be_voided()
    {
        var (customer, orderId) = await Api.CapturedAsync();

        await ProblemAssert.IsProblemAsync(await Api.VoidAsync(customer.TenantId, orderId), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_partial_capture_takes_less_and_more_than_authorised_is_422()
    {
        var (customer, orderId, _) = await Api.AuthorizedAsync(100m);

        await ProblemAssert.IsProblemAsync(await Api.CaptureAsync(customer.TenantId, orderId, 100.01m), HttpStatusCode.UnprocessableEntity);
        var captured = await OkAsync<PaymentResponse>(await Api.CaptureAsync(customer.TenantId, orderId, 60m));

        Assert.Equal(60m, captured.CapturedAmount);
    }

    [Fact]
    public async Task Partial_then_full_refunds_reach_the_capture_and_one_cent_more_is_422()
    {
        var (customer, orderId) = await Api.CapturedAsync(100m);

        var first = await OkAsync<RefundResponse>(await Api.RefundAsync(customer.TenantId, orderId, 30m, "r1"), HttpStatusCode.Created);
        var partly = await OkAsync<PaymentResponse>(await Api.GetAsync(customer.TenantId, orderId));
        var rest = await OkAsync<RefundResponse>(await Api.RefundAsync(customer.TenantId, orderId, 70m, "r2"), HttpStatusCode.Created);
        var over = await Api.RefundAsync(customer.TenantId, orderId, 0.01m, "r3");
        var full = await OkAsync<PaymentResponse>(await Api.GetAsync(customer.TenantId, orderId));

        Assert.Equal(("succeeded", "succeeded"), (first.Status, rest.Status));
        Assert.Equal((PaymentStatuses.PartiallyRefunded, 30m), (partly.Status, partly.RefundedAmount));
        await ProblemAssert.IsProblemAsync(over, HttpStatusCode.UnprocessableEntity, "https://daprshop.dev/problems/amount-too-large");
        Assert.Equal((PaymentStatuses.Refunded, 100m, 2), (full.Status, full.RefundedAmount, full.Refunds!.Count));
        Assert.Equal(2, await payment.CountEventsAsync(nameof(PaymentRefunded), orderId));
        Assert.Equal(100m, payment.Simulator.Find(await payment.ProviderReferenceAsync(orderId))!.Refunded);
    }

    [Fact]
    public async Task A_refund_retried_with_its_key_answers_the_first_refund_and_refunds_once()
    {
        var (customer, orderId) = await Api.CapturedAsync(100m);

        var first = await OkAsync<RefundResponse>(await Api.RefundAsync(customer.TenantId, orderId, 25m, "same"), HttpStatusCode.Created);
        var again = await OkAsync<RefundResponse>(await Api.RefundAsync(customer.TenantId, orderId, 25m, "same"));
        var otherAmount = await Api.RefundAsync(customer.TenantId, orderId, 26m, "same");

        Assert.Equal(first.RefundId, again.RefundId);
        await ProblemAssert.IsProblemAsync(otherAmount, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(25m, payment.Simulator.Find(await payment.ProviderReferenceAsync(orderId))!.Refunded);
        Assert.Equal(1, await payment.CountEventsAsync(nameof(PaymentRefunded), orderId));
    }

    [Fact]
    public async Task A_refund_needs_an_idempotency_key_and_a_capture()
    {
        var (customer, orderId, _) = await Api.AuthorizedAsync();

        await ProblemAssert.IsProblemAsync(await Api.RefundAsync(customer.TenantId, orderId, 1m, null), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await Api.RefundAsync(customer.TenantId, orderId, 1m, "k"), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await Api.RefundAsync(customer.TenantId, orderId, 1m, "k", "USD"), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_pending_card_is_authorised_by_the_simulators_signed_webhook_and_announced_then()
    {
        var (customer, orderId, pending) = await Api.AuthorizedAsync(card: "4000000000003220");
        Assert.Equal(PaymentStatuses.Pending, pending.Status);
        Assert.Equal(0, await payment.CountEventsAsync(nameof(PaymentSucceeded), orderId));

        payment.Host.Clock!.Advance(TimeSpan.FromSeconds(5));

        await Eventually.TrueAsync(async () => await payment.StateOfAsync(orderId) == "authorized", "the webhook authorised the payment");
        Assert.Equal(1, await payment.CountEventsAsync(nameof(PaymentSucceeded), orderId, PaymentOperations.Authorize));
        Assert.Equal(PaymentStatuses.Captured, (await OkAsync<PaymentResponse>(await Api.CaptureAsync(customer.TenantId, orderId))).Status);
    }

    [Fact]
    public async Task A_pending_card_declined_later_fails_by_webhook_with_PaymentFailed()
    {
        var (_, orderId, pending) = await Api.AuthorizedAsync(card: "4000008400001629");
        Assert.Equal(PaymentStatuses.Pending, pending.Status);

        payment.Host.Clock!.Advance(TimeSpan.FromSeconds(5));

        await Eventually.TrueAsync(async () => await payment.StateOfAsync(orderId) == "failed", "the webhook failed the payment");
        Assert.Equal(1, await payment.CountEventsAsync(nameof(PaymentFailed), orderId, PaymentOperations.Authorize));
    }

    [Fact]
    public async Task Voiding_a_pending_payment_cancels_it_and_the_late_result_changes_nothing()
    {
        var (customer, orderId, _) = await Api.AuthorizedAsync(card: "4000000000003220");

        var voided = await OkAsync<PaymentResponse>(await Api.VoidAsync(customer.TenantId, orderId));
        payment.Host.Clock!.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(PaymentStatuses.Voided, voided.Status);
        await Eventually.TrueAsync(() => payment.Host.Services.GetRequiredService<Providers.Simulator.SimulatorWebhooks>().InFlight == 0, "no webhook in flight");
        Assert.Equal("voided", await payment.StateOfAsync(orderId));
        Assert.Equal(0, await payment.CountEventsAsync(nameof(PaymentSucceeded), orderId));
    }

    [Fact]
    public async Task The_customer_reads_their_payments_and_an_admin_refunds_one_with_a_reason()
    {
        var customer = payment.NewCustomer();
        var (_, orderId) = await CapturedForAsync(customer);
        var admin = payment.NewCustomer(customer.TenantId, "admin");
        var support = payment.NewCustomer(customer.TenantId, "support");

        var own = await OkAsync<PageView<PaymentResponse>>(await Api.SendAsync(HttpMethod.Get, "/api/v1/payments/me", customer.Token));
        var one = await OkAsync<PaymentResponse>(await Api.SendAsync(HttpMethod.Get, $"/api/v1/payments/me/{own.Items[0].PaymentId}", customer.Token));
        var tenantList = await OkAsync<PageView<PaymentResponse>>(await Api.SendAsync(HttpMethod.Get, "/api/v1/payments?status=captured", support.Token));
        var noReason = await Api.SendAsync(HttpMethod.Post, $"/api/v1/payments/{one.PaymentId}/refunds", admin.Token,
            new { amount = new { amount = 5m, currency = "EUR" } }, "k1");
        var bySupport = await Api.SendAsync(HttpMethod.Post, $"/api/v1/payments/{one.PaymentId}/refunds", support.Token,
            new { amount = new { amount = 5m, currency = "EUR" }, reason = "goodwill" }, "k1");
        var refund = await OkAsync<RefundResponse>(await Api.SendAsync(HttpMethod.Post, $"/api/v1/payments/{one.PaymentId}/refunds", admin.Token,
            new { amount = new { amount = 5m, currency = "EUR" }, reason = "goodwill" }, "k1"), HttpStatusCode.Created);

        Assert.Equal(orderId, Assert.Single(own.Items).OrderId);
        Assert.Single(tenantList.Items);
        await ProblemAssert.IsValidationProblemAsync(noReason, "reason");
        Assert.Equal(HttpStatusCode.Forbidden, bySupport.StatusCode);
        Assert.Equal(("goodwill", 5m), (refund.Reason, refund.Amount.Amount));
    }

    async Task<(TestCustomer, Guid)> CapturedForAsync(TestCustomer customer)
    {
        var (_, orderId, _) = await Api.AuthorizedAsync(customer: customer);
        await OkAsync<PaymentResponse>(await Api.CaptureAsync(customer.TenantId, orderId));
        return (customer, orderId);
    }
}
