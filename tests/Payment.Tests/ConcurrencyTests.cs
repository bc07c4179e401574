using System.Net;
using DaprShop.Contracts.Payment;
using DaprShop.Payment.Tests.Support;
using static DaprShop.Payment.Tests.Support.PaymentApi;

namespace DaprShop.Payment.Tests;

/// <summary>The same request many times at once, released together behind a barrier: one effect at the provider, one event.</summary>
public sealed class ConcurrencyTests(PaymentService payment) : IClassFixture<PaymentService>
{
    const int N = 12;

    PaymentApi Api => payment.Api;

    static async Task<HttpResponseMessage[]> AllAtOnceAsync(Func<Task<HttpResponseMessage>> call)
    {
        var gate = new TaskCompletionSource();
        var calls = Enumerable.Range(0, N).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return await call();
        })).ToList();
        gate.SetResult();
        return await Task.WhenAll(calls);
    }

    [Fact]
    public async Task N_identical_captures_at_once_capture_once_and_all_answer_the_capture()
    {
        var (customer, orderId, _) = await Api.AuthorizedAsync(80m);

        var responses = await AllAtOnceAsync(() => Api.CaptureAsync(customer.TenantId, orderId));

        foreach (var r in responses) Assert.Equal(PaymentStatuses.Captured, (await OkAsync<PaymentResponse>(r)).Status);
        Assert.Equal(1, payment.Simulator.Find(await payment.ProviderReferenceAsync(orderId))!.Captures);
        Assert.Equal(1, await payment.CountEventsAsync(nameof(PaymentSucceeded), orderId, PaymentOperations.Capture));
    }

    [Fact]
    public async Task N_identical_authorisations_at_once_make_one_payment_and_one_authorisation()
    {
        var customer = payment.NewCustomer();
        var method = await Api.AddCardOkAsync(customer);
        var orderId = Guid.CreateVersion7();
        var before = payment.Simulator.AuthorizationCount;

        var responses = await AllAtOnceAsync(() => Api.AuthorizeAsync(customer.TenantId, orderId, customer.UserId, method.Token));

        var answers = string.Join("\n", await Task.WhenAll(responses.Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}")));
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.Created) == 1, answers);
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.OK) == N - 1, answers);
        Assert.Equal(1, await payment.CountPaymentsAsync(orderId));
        Assert.Equal(before + 1, payment.Simulator.AuthorizationCount);
        Assert.Equal(1, await payment.CountEventsAsync(nameof(PaymentSucceeded), orderId));
    }

    [Fact]
    public async Task N_identical_refunds_at_once_refund_once()
    {
        var (customer, orderId) = await Api.CapturedAsync(100m);

        var responses = await AllAtOnceAsync(() => Api.RefundAsync(customer.TenantId, orderId, 40m, "one-key"));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Equal(40m, payment.Simulator.Find(await payment.ProviderReferenceAsync(orderId))!.Refunded);
        Assert.Equal(1, await payment.CountEventsAsync(nameof(PaymentRefunded), orderId));
    }

    [Fact]
    public async Task N_different_refunds_at_once_never_add_up_past_the_capture()
    {
        var (customer, orderId) = await Api.CapturedAsync(100m);

        var responses = await AllAtOnceAsync(() => Api.RefundAsync(customer.TenantId, orderId, 30m, Guid.NewGuid().ToString()));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(N - 3, responses.Count(r => r.StatusCode == HttpStatusCode.UnprocessableEntity));
        var after = await OkAsync<PaymentResponse>(await Api.GetAsync(customer.TenantId, orderId));
        Assert.Equal(90m, after.RefundedAmount);
        Assert.Equal(90m, payment.Simulator.Find(await payment.ProviderReferenceAsync(orderId))!.Refunded);
    }

    [Fact]
    public async Task A_capture_and_a_void_at_once_leave_exactly_one_of_them_done()
    {
        var (customer, orderId, _) = await Api.AuthorizedAsync();
        var gate = new TaskCompletionSource();

        var capture = Task.Run(async () => { await gate.Task; return await Api.CaptureAsync(customer.TenantId, orderId); });
        var @void = Task.Run(async () => { await gate.Task; return await Api.VoidAsync(customer.TenantId, orderId); });
        gate.SetResult();
        var statuses = new[] { (await capture).StatusCode, (await @void).StatusCode };

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Conflict));
        var state = await payment.StateOfAsync(orderId);
        var provider = payment.Simulator.Find(await payment.ProviderReferenceAsync(orderId))!;
        Assert.Equal(state, provider.Status);
    }
}
