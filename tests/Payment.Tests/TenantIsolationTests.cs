using System.Net;
using DaprShop.Contracts.Payment;
using DaprShop.Payment.Tests.Support;
using DaprShop.Testing.Http;
using static DaprShop.Payment.Tests.Support.PaymentApi;

namespace DaprShop.Payment.Tests;

/// <summary>Another tenant's or customer's ids and tokens, on every route: 404 (or 403/422 where the route says so), nothing changed.</summary>
public sealed class TenantIsolationTests(PaymentService payment) : IClassFixture<PaymentService>
{
    PaymentApi Api => payment.Api;

    [Fact]
    public async Task A_customer_neither_sees_nor_deletes_another_customers_card()
    {
        var ann = payment.NewCustomer();
        var bob = payment.NewCustomer(ann.TenantId);
        var eve = payment.NewCustomer();
        var card = await Api.AddCardOkAsync(ann);

        var bobsList = await OkAsync<PageView<PaymentMethodView>>(await Api.SendAsync(HttpMethod.Get, "/api/v1/payment-methods", bob.Token));
        var bobDeletes = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/payment-methods/{card.Id}", bob.Token);
        var eveDeletes = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/payment-methods/{card.Id}", eve.Token);
        var annsList = await OkAsync<PageView<PaymentMethodView>>(await Api.SendAsync(HttpMethod.Get, "/api/v1/payment-methods", ann.Token));

        Assert.Empty(bobsList.Items);
        await ProblemAssert.IsProblemAsync(bobDeletes, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(eveDeletes, HttpStatusCode.NotFound);
        Assert.Equal(card.Id, Assert.Single(annsList.Items).Id);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.SendAsync(HttpMethod.Delete, $"/api/v1/payment-methods/{card.Id}", ann.Token)).StatusCode);
    }

    [Fact]
    public async Task Authorising_with_another_customers_token_is_422_and_writes_nothing()
    {
        var ann = payment.NewCustomer();
        var bob = payment.NewCustomer(ann.TenantId);
        var annsCard = await Api.AddCardOkAsync(ann);
        var orderId = Guid.CreateVersion7();

        var response = await Api.AuthorizeAsync(ann.TenantId, orderId, bob.UserId, annsCard.Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "https://daprshop.dev/problems/payment-method-unknown");
        Assert.Equal(0, await payment.CountPaymentsAsync(orderId));
    }

    [Fact]
    public async Task Authorising_with_another_tenants_token_is_422_and_writes_nothing()
    {
        var ann = payment.NewCustomer();
        var annsCard = await Api.AddCardOkAsync(ann);
        var otherTenant = Guid.CreateVersion7();
        var orderId = Guid.CreateVersion7();

        var response = await Api.AuthorizeAsync(otherTenant, orderId, ann.UserId, annsCard.Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0, await payment.CountPaymentsAsync(orderId));
    }

    [Fact]
    public async Task A_service_call_naming_another_tenant_finds_no_payment_on_any_route_and_changes_nothing()
    {
        var (customer, orderId, _) = await Api.AuthorizedAsync();
        var other = Guid.CreateVersion7();

        await ProblemAssert.IsProblemAsync(await Api.GetAsync(other, orderId), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.CaptureAsync(other, orderId), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.VoidAsync(other, orderId), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.RefundAsync(other, orderId, 1m, "k"), HttpStatusCode.NotFound);

        Assert.Equal("authorized", await payment.StateOfAsync(orderId));
        Assert.Equal(PaymentStatuses.Authorized, (await OkAsync<PaymentResponse>(await Api.GetAsync(customer.TenantId, orderId))).Status);
    }

    [Fact]
    public async Task Only_ordering_through_payments_sidecar_with_a_tenant_may_call_the_service_routes()
    {
        var (customer, orderId, _) = await Api.AuthorizedAsync();

        var intruder = await Api.InternalAsync(HttpMethod.Post, PaymentRoutes.Capture(orderId), customer.TenantId, asIntruder: true);
        var noTenant = await Api.InternalAsync(HttpMethod.Post, PaymentRoutes.Capture(orderId), tenant: null);
        var direct = await Api.Http.PostAsync(PaymentRoutes.Capture(orderId), null);

        await ProblemAssert.IsProblemAsync(intruder, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(noTenant, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(direct, HttpStatusCode.Unauthorized);
        Assert.Equal("authorized", await payment.StateOfAsync(orderId));
    }

    [Fact]
    public async Task Customers_and_staff_of_another_tenant_do_not_see_or_refund_a_payment()
    {
        var (customer, orderId) = await Api.CapturedAsync();
        var paymentId = (await OkAsync<PaymentResponse>(await Api.GetAsync(customer.TenantId, orderId))).PaymentId;
        var neighbour = payment.NewCustomer(customer.TenantId);
        var foreignAdmin = payment.NewCustomer(roles: "admin");

        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Get, $"/api/v1/payments/me/{paymentId}", neighbour.Token), HttpStatusCode.NotFound);
        Assert.Empty((await OkAsync<PageView<PaymentResponse>>(await Api.SendAsync(HttpMethod.Get, "/api/v1/payments/me", neighbour.Token))).Items);
        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Get, $"/api/v1/payments/{paymentId}", foreignAdmin.Token), HttpStatusCode.NotFound);
        Assert.Empty((await OkAsync<PageView<PaymentResponse>>(await Api.SendAsync(HttpMethod.Get, "/api/v1/payments", foreignAdmin.Token))).Items);
        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Post, $"/api/v1/payments/{paymentId}/refunds", foreignAdmin.Token,
            new { amount = new { amount = 1m, currency = "EUR" }, reason = "x" }, "k"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Get, "/api/v1/payments", customer.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.SendAsync(HttpMethod.Get, "/api/v1/payments/me", token: null)).StatusCode);
        Assert.Equal(0m, (await OkAsync<PaymentResponse>(await Api.GetAsync(customer.TenantId, orderId))).RefundedAmount);
    }
}
