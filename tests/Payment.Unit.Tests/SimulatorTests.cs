using System.Net;
using System.Text;
using DaprShop.Payment.Providers;
using DaprShop.Payment.Providers.Simulator;
using DaprShop.Payment.Webhooks;
using DaprShop.ServiceDefaults.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.Payment.UnitTests;

/// <summary>The card simulator's rules, as a provider's: tokens, declines by test card, amounts, idempotency keys, webhooks.</summary>
public sealed class SimulatorTests : IDisposable
{
    static readonly CancellationToken Ct = CancellationToken.None;
    static readonly byte[] Secret = Encoding.UTF8.GetBytes("whsec_unit");
    readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
    readonly SimulatorOptions _options = new() { PendingDelaySeconds = 5, WebhookMaxAttempts = 1 };
    readonly RecordingHandler _webhooks = new();
    readonly CardSimulator _simulator;

    public SimulatorTests()
    {
        var sender = new SimulatorWebhooks(new Clients(_webhooks), new FixedSecret(), Options.Create(_options), _clock, new Lifetime(),
            NullLogger<SimulatorWebhooks>.Instance);
        _simulator = new CardSimulator(Options.Create(_options), _clock, sender);
    }

    public void Dispose()
    {
        _simulator.Dispose();
        _webhooks.Dispose();
    }

    async Task<string> TokenAsync(string number = "4242424242424242")
    {
        var result = await _simulator.TokenizeAsync(new CardDetails(number, 12, 2035, number.StartsWith('3') ? "1234" : "123", "Ann"), Ct);
        Assert.True(result.Succeeded, result.ErrorCode);
        return result.Token!;
    }

    async Task<string> AuthorizedAsync(decimal amount = 100m, string number = "4242424242424242")
    {
        var result = await _simulator.AuthorizeAsync(new AuthorizeCommand(await TokenAsync(number), amount, "EUR", new Dictionary<string, string>()),
            "auth-" + Guid.NewGuid(), Ct);
        Assert.Equal(ProviderOutcome.Succeeded, result.Outcome);
        return result.Reference!;
    }

    [Fact]
    public async Task Tokenising_answers_a_token_the_brand_and_the_last_four()
    {
        var result = await _simulator.TokenizeAsync(new CardDetails("5555 5555 5555 4444", 1, 2031, "123", null), Ct);

        Assert.StartsWith("tok_", result.Token);
        Assert.Equal(("mastercard", "4444"), (result.Brand, result.Last4));
        Assert.DoesNotContain("5555555555554444", result.Token, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4242424242424241", 12, 2035, "123", "incorrect_number")]
    [InlineData("9999999999999995", 12, 2035, "123", "unsupported_brand")]
    [InlineData("4242424242424242", 12, 2029, "123", "expired_card")]
    [InlineData("4242424242424242", 12, 2035, "1234", "incorrect_cvc")]
    [InlineData("378282246310005", 12, 2035, "123", "incorrect_cvc")]
    public async Task Tokenising_refuses_a_card_a_provider_would(string number, int month, int year, string cvc, string code)
    {
        var result = await _simulator.TokenizeAsync(new CardDetails(number, month, year, cvc, null), Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(code, result.ErrorCode);
    }

    [Theory]
    [InlineData("4000000000000002", "card_declined")]
    [InlineData("4000000000009995", "insufficient_funds")]
    [InlineData("4000000000000069", "expired_card")]
    public async Task Test_cards_decline_at_authorisation_with_their_code(string number, string code)
    {
        var result = await _simulator.AuthorizeAsync(new AuthorizeCommand(await TokenAsync(number), 10m, "EUR", new Dictionary<string, string>()), "k", Ct);

        Assert.Equal(ProviderOutcome.Declined, result.Outcome);
        Assert.Equal(code, result.DeclineCode);
    }

    [Fact]
    public async Task The_processing_error_card_fails_transiently_every_time()
    {
        var token = await TokenAsync("4000000000000119");
        var command = new AuthorizeCommand(token, 10m, "EUR", new Dictionary<string, string>());

        await Assert.ThrowsAsync<PaymentProviderUnavailableException>(() => _simulator.AuthorizeAsync(command, "k", Ct));
        await Assert.ThrowsAsync<PaymentProviderUnavailableException>(() => _simulator.AuthorizeAsync(command, "k", Ct));
    }

    [Fact]
    public async Task A_capture_takes_at_most_the_authorised_amount()
    {
        var auth = await AuthorizedAsync(100m);

        var tooMuch = await _simulator.CaptureAsync(auth, 100.01m, "c1", Ct);
        var ok = await _simulator.CaptureAsync(auth, 60m, "c2", Ct);
        var again = await _simulator.CaptureAsync(auth, 10m, "c3", Ct);

        Assert.Equal(ProviderOutcome.Declined, tooMuch.Outcome);
        Assert.Equal(ProviderOutcome.Succeeded, ok.Outcome);
        Assert.Equal(ProviderOutcome.Declined, again.Outcome);
        Assert.Equal(new SimAuthorizationView("captured", 100m, 60m, 0m, 1), _simulator.Find(auth));
    }

    [Fact]
    public async Task The_capture_failing_card_authorises_and_then_fails_at_capture()
    {
        var auth = await AuthorizedAsync(50m, "4000000000000341");

        var capture = await _simulator.CaptureAsync(auth, 50m, "c", Ct);

        Assert.Equal("capture_failed", capture.DeclineCode);
        Assert.Equal(0, _simulator.Find(auth)!.Captures);
    }

    [Fact]
    public async Task A_voided_authorisation_cannot_be_captured()
    {
        var auth = await AuthorizedAsync();

        Assert.Equal(ProviderOutcome.Succeeded, (await _simulator.VoidAsync(auth, "v", Ct)).Outcome);
        Assert.Equal(ProviderOutcome.Declined, (await _simulator.CaptureAsync(auth, 1m, "c", Ct)).Outcome);
    }

    [Fact]
    public async Task Refunds_add_up_to_at_most_the_capture()
    {
        var auth = await AuthorizedAsync(100m);
        await _simulator.CaptureAsync(auth, 80m, "c", Ct);

        var first = await _simulator.RefundAsync(auth, 30m, "r1", Ct);
        var second = await _simulator.RefundAsync(auth, 50m, "r2", Ct);
        var over = await _simulator.RefundAsync(auth, 0.01m, "r3", Ct);

        Assert.Equal([ProviderOutcome.Succeeded, ProviderOutcome.Succeeded, ProviderOutcome.Declined], [first.Outcome, second.Outcome, over.Outcome]);
        Assert.Equal(80m, _simulator.Find(auth)!.Refunded);
    }

    [Fact]
    public async Task An_authorisation_that_was_never_captured_cannot_be_refunded()
    {
        var auth = await AuthorizedAsync();

        Assert.Equal("charge_not_refundable", (await _simulator.RefundAsync(auth, 1m, "r", Ct)).DeclineCode);
    }

    [Fact]
    public async Task The_same_idempotency_key_answers_the_first_result_and_captures_once()
    {
        var auth = await AuthorizedAsync();

        var first = await _simulator.CaptureAsync(auth, 100m, "same", Ct);
        var second = await _simulator.CaptureAsync(auth, 100m, "same", Ct);

        Assert.Equal(first, second);
        Assert.Equal(1, _simulator.Find(auth)!.Captures);
    }

    [Fact]
    public async Task Concurrent_calls_with_one_key_share_one_effect()
    {
        var auth = await AuthorizedAsync();
        var gate = new TaskCompletionSource();

        var calls = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return await _simulator.CaptureAsync(auth, 100m, "same", Ct);
        })).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(calls);

        Assert.Single(results.Distinct());
        Assert.Equal(1, _simulator.Find(auth)!.Captures);
    }

    [Fact]
    public async Task The_same_amount_written_with_another_scale_is_the_same_request()
    {
        var auth = await AuthorizedAsync(100m);

        var first = await _simulator.CaptureAsync(auth, 100m, "k", Ct);
        var again = await _simulator.CaptureAsync(auth, 100.000m, "k", Ct);

        Assert.Equal(first, again);
    }

    [Fact]
    public async Task Reusing_a_key_with_other_parameters_is_refused()
    {
        var auth = await AuthorizedAsync();
        await _simulator.RefundAsync(auth, 1m, "k", Ct);

        await Assert.ThrowsAsync<ProviderIdempotencyConflictException>(() => _simulator.CaptureAsync(auth, 100m, "k", Ct));
    }

    [Fact]
    public async Task After_an_outage_that_lost_the_answer_a_retry_gets_the_first_result_without_a_second_effect()
    {
        var auth = await AuthorizedAsync();
        _options.TransientFailureRate = 1;
        _options.Seed = null;

        // Half the failures strike after the effect: retry until one attempt got through or was answered.
        var outages = 0;
        ProviderResult? result = null;
        for (var i = 0; i < 50 && result is null; i++)
        {
            try
            {
                result = await _simulator.CaptureAsync(auth, 100m, "k", Ct);
            }
            catch (PaymentProviderUnavailableException)
            {
                outages++;
                if (outages == 10) _options.TransientFailureRate = 0;
            }
        }

        Assert.Equal(10, outages);
        Assert.Equal(ProviderOutcome.Succeeded, result!.Outcome);
        Assert.Equal(1, _simulator.Find(auth)!.Captures);
    }

    [Fact]
    public async Task A_pending_card_is_decided_after_the_delay_and_its_result_sent_as_a_signed_webhook()
    {
        var token = await TokenAsync("4000000000003220");
        var metadata = new Dictionary<string, string> { ["tenantId"] = Guid.NewGuid().ToString(), ["orderId"] = Guid.NewGuid().ToString() };

        var result = await _simulator.AuthorizeAsync(new AuthorizeCommand(token, 25m, "EUR", metadata), "k", Ct);
        Assert.Equal(ProviderOutcome.Pending, result.Outcome);
        Assert.Equal("pending", _simulator.Find(result.Reference!)!.Status);

        _clock.Advance(TimeSpan.FromSeconds(5));
        var (header, body) = await _webhooks.NextAsync();

        Assert.Equal("authorized", _simulator.Find(result.Reference!)!.Status);
        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(header, body, Secret, _clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        var text = Encoding.UTF8.GetString(body);
        Assert.Contains("\"type\":\"authorization.succeeded\"", text, StringComparison.Ordinal);
        Assert.Contains(result.Reference!, text, StringComparison.Ordinal);
        Assert.Contains(metadata["orderId"], text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pending_card_voided_before_its_decision_sends_no_webhook()
    {
        var token = await TokenAsync("4000000000003220");
        var result = await _simulator.AuthorizeAsync(new AuthorizeCommand(token, 25m, "EUR", new Dictionary<string, string>()), "k", Ct);

        await _simulator.VoidAsync(result.Reference!, "v", Ct);
        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("voided", _simulator.Find(result.Reference!)!.Status);
        Assert.Equal(0, _webhooks.Count);
    }

    sealed class FixedSecret : IWebhookSecret
    {
        public Task<byte[]> GetAsync(CancellationToken ct) => Task.FromResult(Secret);
    }

    sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }

    sealed class Clients(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false) { BaseAddress = new Uri("http://payment") };
    }

    /// <summary>Stands in for payment's sidecar: records each webhook delivered to it.</summary>
    sealed class RecordingHandler : HttpMessageHandler
    {
        readonly System.Threading.Channels.Channel<(string?, byte[])> _received = System.Threading.Channels.Channel.CreateUnbounded<(string?, byte[])>();
        int _count;

        public int Count => Volatile.Read(ref _count);

        public async Task<(string? Header, byte[] Body)> NextAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            return await _received.Reader.ReadAsync(timeout.Token);
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            var header = request.Headers.TryGetValues(ProviderWebhooks.SignatureHeader, out var v) ? v.Single() : null;
            _received.Writer.TryWrite((header, await request.Content!.ReadAsByteArrayAsync(cancellationToken)));
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }
    }
}
