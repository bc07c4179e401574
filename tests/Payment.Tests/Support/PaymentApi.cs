using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using DaprShop.Contracts.Payment;
using DaprShop.Payment.Webhooks;
using DaprShop.ServiceDefaults.Webhooks;

namespace DaprShop.Payment.Tests.Support;

public sealed record PaymentMethodView(Guid Id, string Token, string Brand, string Last4, int ExpMonth, int ExpYear);

public sealed record PageView<T>(T[] Items, int Page, int PageSize, long Total);

/// <summary>payment's APIs as clients call them: customers and staff straight to the app, ordering through its sidecar.</summary>
public sealed class PaymentApi(PaymentService service)
{
    static readonly HttpClient ViaSidecar = new();

    public HttpClient Http => service.Host.Client;

    // ---- customers and staff --------------------------------------------------------------------------------------

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (body is not null) request.Content = JsonContent.Create(body);
        return Http.SendAsync(request);
    }

    public static object Card(string number = "4242424242424242", int month = 12, int year = 2035, string? cvc = null) =>
        new { number, expMonth = month, expYear = year, cvc = cvc ?? (number.StartsWith('3') ? "1234" : "123"), holderName = "Ann Example" };

    public Task<HttpResponseMessage> AddCardAsync(string token, object card) => SendAsync(HttpMethod.Post, "/api/v1/payment-methods", token, card);

    public async Task<PaymentMethodView> AddCardOkAsync(TestCustomer customer, string number = "4242424242424242") =>
        await OkAsync<PaymentMethodView>(await AddCardAsync(customer.Token, Card(number)), HttpStatusCode.Created);

    // ---- ordering's service routes, through the ordering sidecar ---------------------------------------------------

    public Task<HttpResponseMessage> InternalAsync(HttpMethod method, string path, Guid? tenant, object? body = null, string? idempotencyKey = null,
        bool asIntruder = false)
    {
        var sidecar = asIntruder ? service.Intruder : service.Ordering;
        var request = new HttpRequestMessage(method, $"{sidecar.HttpEndpoint}/v1.0/invoke/{PaymentService.AppId}/method{path}");
        if (tenant is { } t) request.Headers.Add("X-Tenant-ID", t.ToString());
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (body is not null) request.Content = JsonContent.Create(body);
        return ViaSidecar.SendAsync(request);
    }

    public Task<HttpResponseMessage> AuthorizeAsync(Guid tenant, Guid orderId, Guid customerId, string token, decimal amount = 100m, string currency = "EUR") =>
        InternalAsync(HttpMethod.Post, PaymentRoutes.Authorize, tenant, new AuthorizePaymentRequest(orderId, customerId, new MoneyAmount(amount, currency), token));

    public Task<HttpResponseMessage> CaptureAsync(Guid tenant, Guid orderId, decimal? amount = null) =>
        InternalAsync(HttpMethod.Post, PaymentRoutes.Capture(orderId), tenant, amount is { } a ? new CapturePaymentRequest(new MoneyAmount(a, "EUR")) : null);

    public Task<HttpResponseMessage> VoidAsync(Guid tenant, Guid orderId) => InternalAsync(HttpMethod.Post, PaymentRoutes.Void(orderId), tenant);

    public Task<HttpResponseMessage> RefundAsync(Guid tenant, Guid orderId, decimal amount, string? key, string currency = "EUR") =>
        InternalAsync(HttpMethod.Post, PaymentRoutes.Refunds(orderId), tenant, new RefundPaymentRequest(new MoneyAmount(amount, currency), "test"), key);

    public Task<HttpResponseMessage> GetAsync(Guid tenant, Guid orderId) => InternalAsync(HttpMethod.Get, PaymentRoutes.Payment(orderId), tenant);

    /// <summary>A customer with a card, and an authorised payment of <paramref name="amount"/> for a new order.</summary>
    public async Task<(TestCustomer Customer, Guid OrderId, PaymentResponse Payment)> AuthorizedAsync(decimal amount = 100m,
        string card = "4242424242424242", TestCustomer? customer = null)
    {
        customer ??= service.NewCustomer();
        var method = await AddCardOkAsync(customer, card);
        var orderId = Guid.CreateVersion7();
        var payment = await OkAsync<PaymentResponse>(await AuthorizeAsync(customer.TenantId, orderId, customer.UserId, method.Token, amount),
            HttpStatusCode.Created);
        return (customer, orderId, payment);
    }

    public async Task<(TestCustomer Customer, Guid OrderId)> CapturedAsync(decimal amount = 100m)
    {
        var (customer, orderId, _) = await AuthorizedAsync(amount);
        await OkAsync<PaymentResponse>(await CaptureAsync(customer.TenantId, orderId));
        return (customer, orderId);
    }

    // ---- webhooks, through payment's own sidecar as the simulator sends them ---------------------------------------

    public Task<HttpResponseMessage> WebhookAsync(string body, string? signature, bool direct = false)
    {
        var url = direct
            ? new Uri(service.Host.BaseAddress, "webhooks/simulator")
            : new Uri($"{service.Host.Sidecar.HttpEndpoint}/v1.0/invoke/{PaymentService.AppId}/method/webhooks/simulator");
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.TryAddWithoutValidation(ProviderWebhooks.SignatureHeader, signature);
        return ViaSidecar.SendAsync(request);
    }

    public string Sign(string body, DateTimeOffset at, string? secret = null) =>
        WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), at.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(secret ?? service.WebhookSecret));

    public static async Task<T> OkAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(response);
        using (response)
        {
            if (response.StatusCode != expected)
                Assert.Fail($"expected {(int)expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}, " +
                            $"got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<T>())!;
        }
    }
}
