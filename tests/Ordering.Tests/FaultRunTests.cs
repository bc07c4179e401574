using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Dapr.Workflow;
using DaprShop.Contracts;
using DaprShop.LocalSidecar.Faults;
using DaprShop.Ordering.Tests.Support;

namespace DaprShop.Ordering.Tests;

/// <summary>
/// Issue 9's proof by numbers: a thousand sagas, each with faults drawn at random from a printed seed (set
/// <c>DAPRSHOP_FAULT_SEED</c> to replay one), a bounded number at a time, while ordering is restarted a few times. Then
/// the three databases and the card simulator's ledger are audited (<see cref="SagaAudit"/>) and the figures printed.
/// </summary>
[Collection(SagaLoadCollection.Name)]
public sealed class FaultRunTests(FaultRunService shop, ITestOutputHelper output) : IClassFixture<FaultRunService>
{
    /// <summary>1,000 by default; <c>DAPRSHOP_FAULT_RUNS</c> changes it (a quicker look while debugging, or a longer soak).</summary>
    static readonly int Runs = Environment.GetEnvironmentVariable("DAPRSHOP_FAULT_RUNS") is { Length: > 0 } runs
        ? int.Parse(runs, CultureInfo.InvariantCulture) : 1000;
    const int AtOnce = 24;
    const int Tenants = 4;
    const int ProductsPerTenant = 5;
    // About 2,600 units are asked for over 20 products, two thirds of them by orders that get paid: the last orders of
    // a run find some sold out.
    const long StockPerProduct = 90;
    /// <summary>ordering is restarted when these runs start, with sagas of the runs before still in flight.</summary>
    static readonly int[] RestartAt = [150, 400, 650, 880];

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    enum Card { Approve, Decline, AsyncApprove, AsyncDecline, CaptureFails }

    /// <summary>Test cards (services/Payment/README.md) and how often a run draws each.</summary>
    static readonly (Card Card, string Number, int Weight)[] Cards =
    [
        (Card.Approve, "4242424242424242", 46),
        (Card.Approve, "5555555555554444", 6),
        (Card.Decline, "4000000000000002", 7),
        (Card.Decline, "4000000000009995", 4),
        (Card.Decline, "4000000000000069", 3),
        (Card.AsyncApprove, "4000000000003220", 18),
        (Card.AsyncDecline, "4000008400001629", 10),
        (Card.CaptureFails, "4000000000000341", 6),
    ];

    /// <summary>How each card may end; out of stock may end any of them (stock is shared and runs out).</summary>
    static readonly Dictionary<Card, string[]> Allowed = new()
    {
        [Card.Approve] = ["processing", "failed: out of stock"],
        [Card.Decline] = ["failed: declined", "failed: out of stock"],
        // A lost, dropped or late answer ends as a timeout; the void then cancels the late authorisation.
        [Card.AsyncApprove] = ["processing", "failed: out of stock", "failed: payment timed out"],
        [Card.AsyncDecline] = ["failed: declined", "failed: out of stock", "failed: payment timed out"],
        [Card.CaptureFails] = ["cancelled: capture failed", "failed: out of stock"],
    };

    sealed record Fault(string Kind, Action<FaultInjector> Arm);

    sealed record Plan(int Index, int Tenant, Card Card, string CardNumber, (int Product, int Quantity)[] Lines, IReadOnlyList<Fault> Faults);

    sealed record Outcome(Plan Plan, Guid OrderId, string? Final, int Attempts);

    [Fact]
    public async Task A_thousand_sagas_under_random_faults_lose_nothing_charge_once_and_never_oversell()
    {
        output.WriteLine($"fault-run seed {shop.Seed} (replay: {FaultRunService.SeedVariable}={shop.Seed})");
        var random = new Random(shop.Seed);
        var plans = Enumerable.Range(0, Runs).Select(i => Draw(i, random)).ToList();

        var tenants = Enumerable.Range(0, Tenants).Select(_ => Guid.CreateVersion7()).ToArray();
        var products = new Guid[Tenants][];
        var received = new Dictionary<(Guid, string), long>();
        for (var t = 0; t < Tenants; t++)
        {
            products[t] = new Guid[ProductsPerTenant];
            for (var p = 0; p < ProductsPerTenant; p++)
            {
                products[t][p] = await shop.NewProductAsync(tenants[t], 5m + (p * 7.25m), StockPerProduct);
                received[(tenants[t], shop.SkuOf(tenants[t], products[t][p]))] = StockPerProduct;
            }
        }

        var driver = new SagaDriver(shop);
        var outcomes = new ConcurrentBag<Outcome>();
        var restarts = new List<Task>();
        using var restartGate = new SemaphoreSlim(1);
        var started = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = Ct }, async (plan, _) =>
        {
            if (RestartAt.Contains(Interlocked.Increment(ref started)))
                lock (restarts) restarts.Add(RestartOrderingAsync(restartGate));
            var buyer = await shop.NewBuyerAsync(tenants[plan.Tenant], plan.CardNumber);
            foreach (var fault in plan.Faults) fault.Arm(shop.Host.Cluster.Faults);
            var (status, order, attempts) = await driver.PlaceAsync(buyer, [.. plan.Lines.Select(l => (products[plan.Tenant][l.Product], l.Quantity))]);
            Assert.True(status == HttpStatusCode.Created, $"run {plan.Index}: placing answered {(int)status}");
            outcomes.Add(new Outcome(plan, order!.Id, await driver.UntilFinalAsync(order.Id, TimeSpan.FromMinutes(3)), attempts));
            if (outcomes.Count % 100 == 0) output.WriteLine($"{outcomes.Count} sagas done after {clock.Elapsed.TotalSeconds:0.0} s");
        });
        await Task.WhenAll(restarts);
        var sagaTime = clock.Elapsed;

        // Inventory commits or releases on order-events, which may be delayed: wait (bounded) until nothing is held.
        var settled = true;
        try
        {
            await Eventually.TrueAsync(async () => await shop.InventoryDb.ScalarAsync<long>("select coalesce(sum(reserved), 0)::bigint from stock_items") == 0,
                "no stock is held any more", TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            settled = false;
        }
        var audit = await SagaAudit.LoadAsync(shop);
        var workflows = await WorkflowStatusesAsync(outcomes.Select(o => o.OrderId));

        var placed = outcomes.Select(o => o.OrderId).ToList();
        var lost = audit.LostOrStuck(placed);
        var doubles = audit.DoubleCaptures();
        var oversold = audit.Oversold(received);
        var holding = audit.FailedButHolding();
        var unexplained = audit.Unexplained();
        var inconsistent = outcomes.Where(o => o.Final is not null && !Allowed[o.Plan.Card].Contains(Ending(audit.Orders[o.OrderId])))
            .Select(o => $"{o.OrderId} (run {o.Plan.Index}, {o.Plan.Card}, faults [{string.Join(", ", o.Plan.Faults.Select(f => f.Kind))}]): {Ending(audit.Orders[o.OrderId])}")
            .ToList();
        var unfinishedWorkflows = workflows.Where(w => w.Value != WorkflowRuntimeStatus.Completed).Select(w => $"{w.Key}: {w.Value}").ToList();

        output.WriteLine(Figures(outcomes, audit, sagaTime, restarts.Count, settled, lost.Count, doubles.Count, oversold.Count, holding.Count,
            unexplained.Count + inconsistent.Count, unfinishedWorkflows.Count));
        foreach (var line in lost.Select(id => $"lost or stuck: {id} ({audit.Orders.GetValueOrDefault(id)?.Status ?? "missing"})")
                     .Concat(doubles.Select(id => $"double capture: {id}")).Concat(oversold.Select(s => $"oversold: {s}"))
                     .Concat(holding.Select(id => $"failed but holding: {id}")).Concat(unexplained).Concat(inconsistent.Select(s => $"not explained by its faults: {s}"))
                     .Concat(unfinishedWorkflows.Select(s => $"workflow not completed: {s}")).Take(60))
            output.WriteLine(line);

        Assert.Equal(Runs, placed.Distinct().Count());
        Assert.Empty(lost);
        Assert.Empty(doubles);
        Assert.Empty(oversold);
        Assert.Equal(0, audit.StillReserved);
        Assert.Empty(holding);
        Assert.Empty(unexplained);
        Assert.Empty(inconsistent);
        Assert.Empty(unfinishedWorkflows);
        // Every capture the provider made belongs to exactly one order in processing (captured and shipment requested).
        Assert.Equal(audit.Orders.Values.Count(o => o.Status == "processing"), audit.ProviderCaptures.Values.Sum());
    }

    async Task RestartOrderingAsync(SemaphoreSlim gate)
    {
        await gate.WaitAsync(Ct);
        try
        {
            var took = Stopwatch.StartNew();
            await shop.Host.RestartAsync();
            output.WriteLine($"ordering restarted in {took.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            gate.Release();
        }
    }

    static Plan Draw(int index, Random random)
    {
        var pick = random.Next(Cards.Sum(c => c.Weight));
        var card = Cards.First(c => (pick -= c.Weight) < 0);
        var lineCount = random.Next(10) < 7 ? 1 : 2;
        var lines = Enumerable.Range(0, ProductsPerTenant).OrderBy(_ => random.Next()).Take(lineCount)
            .Select(p => (p, random.Next(1, 4))).ToArray();
        var faults = new List<Fault>();
        void Maybe(double chance, Func<Fault> fault)
        {
            if (random.NextDouble() < chance) faults.Add(fault());
        }
        // Deliveries: the next message on the topic (whichever saga it belongs to) is duplicated, delayed or lost.
        Maybe(0.10, () => new Fault("duplicate delivery: payment-events", f => f.DuplicateNextDelivery(Topics.PaymentEvents)));
        Maybe(0.10, () => new Fault("duplicate delivery: order-events", f => f.DuplicateNextDelivery(Topics.OrderEvents)));
        Maybe(0.08, () =>
        {
            var delay = TimeSpan.FromMilliseconds(random.Next(200, 3000));
            return new Fault("delayed delivery: payment-events", f => f.DelayNextDelivery(Topics.PaymentEvents, delay));
        });
        Maybe(0.08, () =>
        {
            var delay = TimeSpan.FromMilliseconds(random.Next(200, 3000));
            return new Fault("delayed delivery: order-events", f => f.DelayNextDelivery(Topics.OrderEvents, delay));
        });
        // A payment result lost on its way to ordering: the saga's wait times out and it voids.
        Maybe(0.02, () => new Fault("lost delivery: payment-events", f => f.DropNextDelivery(Topics.PaymentEvents)));
        // An activity's call failing N times, within the saga's retry budget (and below a circuit breaker's trip).
        Maybe(0.12, () =>
        {
            var (target, most) = random.Next(4) switch { 0 => ("inventory", 3), 1 => ("payment", 2), 2 => ("catalog", 2), _ => ("users", 3) };
            var n = random.Next(1, most + 1);
            return new Fault($"call failing: {target}", f => f.FailNextInvocations(n, target));
        });
        return new Plan(index, random.Next(Tenants), card.Card, card.Number, lines, faults);
    }

    /// <summary>The order's ending as the figures count it: status and the kind of reason.</summary>
    static string Ending(SagaAudit.OrderRow order) => order.Status switch
    {
        "processing" => "processing",
        _ => $"{order.Status}: {ReasonKind(order.Reason)}",
    };

    static string ReasonKind(string? reason) => reason switch
    {
        null => "no reason",
        _ when reason.Contains("stock", StringComparison.OrdinalIgnoreCase) => "out of stock",
        _ when reason.Contains("timed out", StringComparison.OrdinalIgnoreCase) => "payment timed out",
        _ when reason.Contains("capture", StringComparison.OrdinalIgnoreCase) => "capture failed",
        _ when reason.Contains("declin", StringComparison.OrdinalIgnoreCase) || reason.Contains("insufficient", StringComparison.OrdinalIgnoreCase)
               || reason.Contains("expired", StringComparison.OrdinalIgnoreCase) => "declined",
        _ => reason,
    };

    async Task<Dictionary<Guid, WorkflowRuntimeStatus>> WorkflowStatusesAsync(IEnumerable<Guid> orderIds)
    {
        var client = shop.Host.Services.GetRequiredService<DaprWorkflowClient>();
        var statuses = new Dictionary<Guid, WorkflowRuntimeStatus>();
        foreach (var id in orderIds)
        {
            var state = await client.GetWorkflowStateAsync(id.ToString(), getInputsAndOutputs: false, cancellation: Ct);
            statuses[id] = state?.RuntimeStatus ?? WorkflowRuntimeStatus.Unknown;
        }
        return statuses;
    }

    string Figures(ConcurrentBag<Outcome> outcomes, SagaAudit audit, TimeSpan elapsed, int restarts, bool settled,
        int lost, int doubles, int oversold, int holding, int unexplained, int unfinishedWorkflows)
    {
        var calls = shop.Host.Cluster.Calls.All;
        long Count(Func<LocalSidecar.Recording.SidecarCall, bool> match) => calls.LongCount(match);
        var rows = new List<(string, string)>
        {
            ("seed", shop.Seed.ToString(CultureInfo.InvariantCulture)),
            ("sagas run", outcomes.Count.ToString(CultureInfo.InvariantCulture)),
            ("at once", AtOnce.ToString(CultureInfo.InvariantCulture)),
        };
        foreach (var group in outcomes.GroupBy(o => o.Final is null ? "stuck" : Ending(audit.Orders[o.OrderId])).OrderByDescending(g => g.Count()))
            rows.Add(($"ended {group.Key}", group.Count().ToString(CultureInfo.InvariantCulture)));
        foreach (var group in outcomes.GroupBy(o => o.Plan.Card).OrderBy(g => g.Key))
            rows.Add(($"drawn card: {group.Key}", group.Count().ToString(CultureInfo.InvariantCulture)));
        foreach (var group in outcomes.SelectMany(o => o.Plan.Faults).GroupBy(f => f.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
            rows.Add(($"fault armed: {group.Key}", group.Count().ToString(CultureInfo.InvariantCulture)));
        rows.Add(("fault fired: deliveries duplicated", Count(c => c.Api == "pubsub" && c.Outcome == "injected-duplicate").ToString(CultureInfo.InvariantCulture)));
        rows.Add(("fault fired: deliveries delayed", Count(c => c.Api == "pubsub" && c.Outcome.StartsWith("injected-delay", StringComparison.Ordinal)).ToString(CultureInfo.InvariantCulture)));
        rows.Add(("fault fired: deliveries lost", Count(c => c.Api == "pubsub" && c.Outcome == "injected-drop").ToString(CultureInfo.InvariantCulture)));
        rows.Add(("fault fired: invocations failed", Count(c => c.Api == "invoke" && c.Outcome.Contains("injected fault", StringComparison.Ordinal)).ToString(CultureInfo.InvariantCulture)));
        rows.Add(($"provider transient failures (rate {FaultRunService.TransientFailureRate}): 503 answers to ordering",
            Count(c => c.Api == "invoke" && c.AppId == "ordering" && c.Target.StartsWith("payment/", StringComparison.Ordinal) && c.Outcome == "ok: status 503").ToString(CultureInfo.InvariantCulture)));
        rows.Add(("circuit breaker rejections", Count(c => c.Api == "invoke" && c.Outcome.Contains("circuit breaker", StringComparison.OrdinalIgnoreCase)).ToString(CultureInfo.InvariantCulture)));
        rows.Add(($"webhooks delivered (duplicate rate {FaultRunService.DuplicateWebhookRate})", Count(c => c.Api == "invoke" && c.AppId == "payment" && c.Target.EndsWith("/webhooks/simulator", StringComparison.Ordinal)).ToString(CultureInfo.InvariantCulture)));
        rows.Add(("webhooks refused (replays)", Count(c => c.Api == "invoke" && c.AppId == "payment" && c.Target.EndsWith("/webhooks/simulator", StringComparison.Ordinal) && c.Outcome == "ok: status 400").ToString(CultureInfo.InvariantCulture)));
        rows.Add(("ordering restarted mid-run", restarts.ToString(CultureInfo.InvariantCulture)));
        rows.Add(("placements retried (same Idempotency-Key)", outcomes.Sum(o => o.Attempts - 1).ToString(CultureInfo.InvariantCulture)));
        rows.Add(("duration (s)", elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)));
        rows.Add(("sagas per second", (outcomes.Count / elapsed.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture)));
        rows.Add(("orders lost or stuck", lost.ToString(CultureInfo.InvariantCulture)));
        rows.Add(("workflows not completed", unfinishedWorkflows.ToString(CultureInfo.InvariantCulture)));
        rows.Add(("double captures", doubles.ToString(CultureInfo.InvariantCulture)));
        rows.Add(("provider captures / orders in processing", $"{audit.ProviderCaptures.Values.Sum()} / {audit.Orders.Values.Count(o => o.Status == "processing")}"));
        rows.Add(("oversold SKUs", oversold.ToString(CultureInfo.InvariantCulture)));
        rows.Add(("units still reserved at the end" + (settled ? "" : " (not settled in 90 s)"), audit.StillReserved.ToString(CultureInfo.InvariantCulture)));
        rows.Add(("failed orders still holding stock or money", holding.ToString(CultureInfo.InvariantCulture)));
        rows.Add(("final states not explained by history or faults", unexplained.ToString(CultureInfo.InvariantCulture)));

        var text = new StringBuilder().AppendLine().AppendLine("| fault run | |").AppendLine("|---|---:|");
        foreach (var (name, value) in rows) text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} |");
        return text.ToString();
    }
}
