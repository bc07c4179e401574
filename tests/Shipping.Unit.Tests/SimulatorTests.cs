using System.Net;
using System.Text;
using System.Text.Json;
using DaprShop.Contracts.Shipping;
using DaprShop.ServiceDefaults.Webhooks;
using DaprShop.Shipping.Carriers;
using DaprShop.Shipping.Carriers.Simulator;
using DaprShop.Shipping.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.Shipping.UnitTests;

/// <summary>The carrier simulator's rules, as a carrier's: tariff, one label per key, outages, tracking timeline, lost updates, voids.</summary>
public sealed class SimulatorTests : IDisposable
{
    static readonly CancellationToken Ct = CancellationToken.None;
    static readonly byte[] Secret = Encoding.UTF8.GetBytes("whsec_unit");
    static readonly IReadOnlyDictionary<string, string> Metadata = new Dictionary<string, string> { ["tenantId"] = "t", ["shipmentId"] = "s" };
    readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
    readonly RecordingHandler _webhooks = new();
    CarrierSimulator? _simulator;

    CarrierSimulator Simulator(SimulatorOptions? options = null)
    {
        var o = options ?? new SimulatorOptions();
        o.WebhookMaxAttempts = 1;
        var sender = new SimulatorWebhooks(new Clients(_webhooks), new FixedSecret(), Options.Create(o), _clock, new Lifetime(),
            NullLogger<SimulatorWebhooks>.Instance);
        return _simulator = new CarrierSimulator(Options.Create(o), _clock, sender);
    }

    public void Dispose()
    {
        _simulator?.Dispose();
        _webhooks.Dispose();
    }

    static LabelRequest Request(string level = ServiceLevels.Standard, int items = 2) => new(level, items, Metadata);

    [Fact]
    public async Task Quotes_one_rate_per_service_level_express_dearer_and_faster()
    {
        var quotes = await Simulator().QuoteAsync(3, Ct);

        var standard = Assert.Single(quotes, q => q.ServiceLevel == ServiceLevels.Standard);
        var express = Assert.Single(quotes, q => q.ServiceLevel == ServiceLevels.Express);
        Assert.Equal((6.40m, "EUR", 3), (standard.Amount, standard.Currency, standard.EstimatedDays));
        Assert.Equal((12.90m, "EUR", 1), (express.Amount, express.Currency, express.EstimatedDays));
    }

    [Fact]
    public async Task A_label_has_a_tracking_number_and_the_levels_price()
    {
        var label = await Simulator().PurchaseLabelAsync(Request(ServiceLevels.Express, 1), "k1", Ct);

        Assert.StartsWith("lbl_", label.LabelId);
        Assert.Matches("^SIM[0-9A-F]{16}$", label.TrackingNumber);
        Assert.Equal((ServiceLevels.Express, 10.90m), (label.ServiceLevel, label.Amount));
    }

    [Fact]
    public async Task The_same_key_answers_the_same_label_and_sells_one_also_when_twelve_ask_at_once()
    {
        var simulator = Simulator();
        var gate = new TaskCompletionSource();
        var calls = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return await simulator.PurchaseLabelAsync(Request(), "order-1", Ct);
        })).ToList();
        gate.SetResult();
        var labels = await Task.WhenAll(calls);

        Assert.Single(labels.Select(l => l.TrackingNumber).Distinct());
        Assert.Equal(1, simulator.LabelCount);
        Assert.Equal(labels[0], await simulator.PurchaseLabelAsync(Request(), "order-1", Ct));
    }

    [Fact]
    public async Task The_same_key_with_another_parcel_is_refused()
    {
        var simulator = Simulator();
        await simulator.PurchaseLabelAsync(Request(items: 2), "order-1", Ct);

        await Assert.ThrowsAsync<CarrierIdempotencyConflictException>(() => simulator.PurchaseLabelAsync(Request(items: 3), "order-1", Ct));
        Assert.Equal(1, simulator.LabelCount);
    }

    [Fact]
    public async Task While_down_every_call_fails_and_nothing_is_sold()
    {
        var simulator = Simulator();
        simulator.Down = true;

        await Assert.ThrowsAsync<CarrierUnavailableException>(() => simulator.PurchaseLabelAsync(Request(), "k", Ct));
        await Assert.ThrowsAsync<CarrierUnavailableException>(() => simulator.QuoteAsync(1, Ct));
        Assert.Equal(0, simulator.LabelCount);

        simulator.Down = false;
        await simulator.PurchaseLabelAsync(Request(), "k", Ct);
        Assert.Equal(1, simulator.LabelCount);
    }

    [Fact]
    public async Task With_failures_a_retry_under_the_same_key_never_buys_a_second_label()
    {
        var simulator = Simulator(new SimulatorOptions { FailureRate = 0.6, Seed = 7 });
        var failures = 0;
        for (var order = 0; order < 20; order++)
        {
            Label? label = null;
            while (label is null)
            {
                try
                {
                    label = await simulator.PurchaseLabelAsync(Request(), $"order-{order}", Ct);
                }
                catch (CarrierUnavailableException)
                {
                    failures++;
                }
            }
        }

        Assert.True(failures > 0, "the seed draws failures");
        Assert.Equal(20, simulator.LabelCount);
    }

    [Fact]
    public async Task A_parcel_is_picked_up_sent_out_and_delivered_a_step_apart_each_step_a_signed_webhook()
    {
        var simulator = Simulator(new SimulatorOptions { StepSeconds = 60 });
        var label = await simulator.PurchaseLabelAsync(Request(), "k", Ct);

        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(ShipmentStatuses.LabelPurchased, simulator.Find(label.TrackingNumber)!.Value.Status);
        var statuses = new List<string>();
        for (var step = 0; step < 3; step++)
        {
            _clock.Advance(TimeSpan.FromSeconds(60));
            var (header, body) = await _webhooks.NextAsync();
            Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(header, body, Secret, _clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
            var message = JsonSerializer.Deserialize<CarrierWebhook>(body, JsonSerializerOptions.Web)!;
            Assert.Equal((CarrierWebhooks.TrackingUpdated, label.TrackingNumber), (message.Type, message.Data.TrackingNumber));
            Assert.Equal(Metadata, message.Data.Metadata);
            statuses.Add(message.Data.Status);
        }

        Assert.Equal([ShipmentStatuses.InTransit, ShipmentStatuses.OutForDelivery, ShipmentStatuses.Delivered], statuses);
    }

    [Fact]
    public async Task An_exception_parcel_reports_it_between_transit_and_delivery()
    {
        var simulator = Simulator(new SimulatorOptions { StepSeconds = 60, ExceptionRate = 1 });
        await simulator.PurchaseLabelAsync(Request(), "k", Ct);

        _clock.Advance(TimeSpan.FromSeconds(180));
        var statuses = new List<string>();
        for (var i = 0; i < 4; i++)
            statuses.Add(JsonSerializer.Deserialize<CarrierWebhook>((await _webhooks.NextAsync()).Body, JsonSerializerOptions.Web)!.Data.Status);

        Assert.Equal([ShipmentStatuses.InTransit, ShipmentStatuses.Exception, ShipmentStatuses.OutForDelivery, ShipmentStatuses.Delivered],
            statuses.Order(Comparer<string>.Create((a, b) => Rank(a).CompareTo(Rank(b)))).ToList());
        static int Rank(string s) => s switch { "in_transit" => 0, "exception" => 1, "out_for_delivery" => 2, _ => 3 };
    }

    [Fact]
    public async Task Lost_updates_are_not_sent_but_the_carriers_tracking_still_moves_on()
    {
        var simulator = Simulator(new SimulatorOptions { StepSeconds = 60, LostUpdateRate = 1 });
        var label = await simulator.PurchaseLabelAsync(Request(), "k", Ct);

        _clock.Advance(TimeSpan.FromSeconds(180));

        Assert.Equal(3, simulator.LostUpdates);
        Assert.Equal(0, _webhooks.Count);
        Assert.Equal(ShipmentStatuses.Delivered, (await simulator.TrackAsync(label.TrackingNumber, Ct))!.Status);
    }

    [Fact]
    public async Task A_label_voided_before_pick_up_never_moves_and_one_picked_up_cannot_be_voided()
    {
        var simulator = Simulator(new SimulatorOptions { StepSeconds = 60 });
        var voided = await simulator.PurchaseLabelAsync(Request(), "a", Ct);
        var picked = await simulator.PurchaseLabelAsync(Request(), "b", Ct);

        Assert.True(await simulator.VoidLabelAsync(voided.LabelId, Ct));
        _clock.Advance(TimeSpan.FromSeconds(60));
        await _webhooks.NextAsync();

        Assert.False(await simulator.VoidLabelAsync(picked.LabelId, Ct));
        Assert.Equal((ShipmentStatuses.LabelPurchased, true), simulator.Find(voided.TrackingNumber));
        Assert.Equal(ShipmentStatuses.InTransit, simulator.Find(picked.TrackingNumber)!.Value.Status);
        Assert.Equal(1, _webhooks.Count);
    }

    [Fact]
    public void The_tracking_url_names_the_tracking_number() =>
        Assert.Equal("https://track.carrier-simulator.local/SIM0123", Simulator().TrackingUrl("SIM0123"));

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
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false) { BaseAddress = new Uri("http://shipping") };
    }

    /// <summary>Stands in for shipping's sidecar: records each webhook delivered to it.</summary>
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
            var header = request.Headers.TryGetValues(CarrierWebhooks.SignatureHeader, out var v) ? v.Single() : null;
            _received.Writer.TryWrite((header, await request.Content!.ReadAsByteArrayAsync(cancellationToken)));
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }
    }
}
