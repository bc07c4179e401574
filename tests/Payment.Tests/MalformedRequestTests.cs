using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DaprShop.Contracts.Payment;
using DaprShop.Payment.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Payment.Tests;

/// <summary>Whatever a client sends, the answer is a 4xx problem+json — never a 500 — and nothing is written.</summary>
public sealed class MalformedRequestTests(PaymentService payment) : IClassFixture<PaymentService>
{
    PaymentApi Api => payment.Api;

    async Task<long> CardsAsync() => await payment.Database.ScalarAsync<long>("select count(*) from payment_methods");

    Task<HttpResponseMessage> RawCardAsync(string token, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payment-methods") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Api.Http.SendAsync(request);
    }

    [Theory]
    [InlineData("{\"number\": ")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{\"number\": 4242424242424242, \"expMonth\": 12, \"expYear\": 2035, \"cvc\": \"123\"}")]
    [InlineData("{\"number\": \"4242424242424242\", \"expMonth\": \"twelve\", \"expYear\": 2035, \"cvc\": \"123\"}")]
    [InlineData("{\"number\": \"4242424242424242\", \"expMonth\": 1e30, \"expYear\": 2035, \"cvc\": \"123\"}")]
    [InlineData("{\"number\": null, \"expMonth\": null, \"expYear\": null, \"cvc\": null}")]
    [InlineData("{\"number\": \"4242\\u00004242424242424\", \"expMonth\": 12, \"expYear\": 2035, \"cvc\": \"123\"}")]
    [InlineData("{\"number\": \"4242424242424242\", \"expMonth\": 12, \"expYear\": 2035, \"cvc\": \"123\", \"holderName\": \"A\\u0000n\"}")]
    public async Task Unreadable_or_invalid_card_bodies_are_400_problems_and_write_nothing(string body)
    {
        var customer = payment.NewCustomer();
        var before = await CardsAsync();

        await ProblemAssert.IsProblemAsync(await RawCardAsync(customer.Token, body), HttpStatusCode.BadRequest);
        Assert.Equal(before, await CardsAsync());
    }

    [Theory]
    [InlineData("4242424242424241", 12, 2035, "incorrect_number")]
    [InlineData("9999999999999995", 12, 2035, "unsupported_brand")]
    [InlineData("4242424242424242", 12, 2029, "expired_card")]
    public async Task A_card_the_provider_refuses_is_422_with_its_code(string number, int month, int year, string code)
    {
        var customer = payment.NewCustomer();
        var before = await CardsAsync();

        var problem = await ProblemAssert.IsProblemAsync(await Api.AddCardAsync(customer.Token, PaymentApi.Card(number, month, year)),
            HttpStatusCode.UnprocessableEntity, "https://daprshop.dev/problems/card-rejected");

        Assert.Equal(code, problem.Body.GetProperty("code").GetString());
        Assert.Equal(before, await CardsAsync());
    }

    [Theory]
    [InlineData("{\"orderId\": \"00000000-0000-0000-0000-000000000000\", \"customerId\": \"%C\", \"amount\": {\"amount\": 10, \"currency\": \"EUR\"}, \"paymentMethodToken\": \"%T\"}")]
    [InlineData("{\"orderId\": \"%O\", \"customerId\": \"%C\", \"amount\": {\"amount\": 1e30, \"currency\": \"EUR\"}, \"paymentMethodToken\": \"%T\"}")]
    [InlineData("{\"orderId\": \"%O\", \"customerId\": \"%C\", \"amount\": {\"amount\": 79228162514264337593543950335, \"currency\": \"EUR\"}, \"paymentMethodToken\": \"%T\"}")]
    [InlineData("{\"orderId\": \"%O\", \"customerId\": \"%C\", \"amount\": {\"amount\": -10, \"currency\": \"EUR\"}, \"paymentMethodToken\": \"%T\"}")]
    [InlineData("{\"orderId\": \"%O\", \"customerId\": \"%C\", \"amount\": {\"amount\": 10.001, \"currency\": \"EUR\"}, \"paymentMethodToken\": \"%T\"}")]
    [InlineData("{\"orderId\": \"%O\", \"customerId\": \"%C\", \"amount\": {\"amount\": 10.5, \"currency\": \"JPY\"}, \"paymentMethodToken\": \"%T\"}")]
    [InlineData("{\"orderId\": \"%O\", \"customerId\": \"%C\", \"amount\": {\"amount\": 10, \"currency\": \"EUR\\u0000\"}, \"paymentMethodToken\": \"%T\"}")]
    [InlineData("{\"orderId\": \"%O\", \"customerId\": \"%C\", \"amount\": null, \"paymentMethodToken\": \"%T\"}")]
    [InlineData("{\"orderId\": \"%O\", \"customerId\": \"%C\", \"amount\": {\"amount\": \"ten\", \"currency\": \"EUR\"}, \"paymentMethodToken\": \"%T\"}")]
    [InlineData("{\"orderId\": \"not-a-guid\", \"customerId\": \"%C\", \"amount\": {\"amount\": 10, \"currency\": \"EUR\"}, \"paymentMethodToken\": \"%T\"}")]
    [InlineData("null")]
    public async Task Malformed_authorisations_are_400_problems_and_write_nothing(string template)
    {
        var customer = payment.NewCustomer();
        var card = await Api.AddCardOkAsync(customer);
        var orderId = Guid.CreateVersion7();
        var body = template.Replace("%O", orderId.ToString(), StringComparison.Ordinal).Replace("%C", customer.UserId.ToString(), StringComparison.Ordinal)
            .Replace("%T", card.Token, StringComparison.Ordinal);

        var request = new HttpRequestMessage(HttpMethod.Post, $"{payment.Ordering.HttpEndpoint}/v1.0/invoke/payment/method{PaymentRoutes.Authorize}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Tenant-ID", customer.TenantId.ToString());
        using var http = new HttpClient();

        await ProblemAssert.IsProblemAsync(await http.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.Equal(0, await payment.CountPaymentsAsync(orderId));
        Assert.Equal(0L, await payment.Database.ScalarAsync<long>("select count(*) from payments where customer_id = $1", customer.UserId));
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(10.001)]
    public async Task Malformed_refunds_and_captures_are_400_and_change_nothing(decimal amount)
    {
        var (customer, orderId) = await Api.CapturedAsync();

        await ProblemAssert.IsProblemAsync(await Api.RefundAsync(customer.TenantId, orderId, amount, "k"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await Api.CaptureAsync(customer.TenantId, orderId, amount), HttpStatusCode.BadRequest);
        Assert.Equal(0m, (await PaymentApi.OkAsync<PaymentResponse>(await Api.GetAsync(customer.TenantId, orderId))).RefundedAmount);
    }

    [Fact]
    public async Task A_5_MB_body_is_a_413_problem_and_writes_nothing()
    {
        var customer = payment.NewCustomer();
        var before = await CardsAsync();
        var bytes = Encoding.UTF8.GetBytes("{\"number\":\"4242424242424242\",\"expMonth\":12,\"expYear\":2035,\"cvc\":\"123\",\"holderName\":\"" +
                                           new string('x', 5 * 1024 * 1024) + "\"}");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payment-methods") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", customer.Token);
        request.Headers.ExpectContinue = true;
        using var http = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) }) { BaseAddress = payment.Host.BaseAddress };

        await ProblemAssert.IsProblemAsync(await http.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await CardsAsync());
    }
}
