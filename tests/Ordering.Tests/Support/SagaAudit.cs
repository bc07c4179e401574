extern alias PaymentApp;

using DaprShop.Testing.Postgres;
using Npgsql;
using CardSimulator = PaymentApp::DaprShop.Payment.Providers.Simulator.CardSimulator;

namespace DaprShop.Ordering.Tests.Support;

/// <summary>
/// What the three databases (and the card simulator's ledger) say about a set of orders once the sagas are done,
/// checked against the rules the saga promises (docs/order-saga.md): no order lost or stuck, no double capture, no
/// oversold unit, nothing held for a failed order, and every final state explained by the order's history. Each rule
/// lists the orders that break it, so a failing run names them.
/// </summary>
public sealed class SagaAudit
{
    public sealed record OrderRow(Guid Id, Guid TenantId, string Status, string? Reason, decimal? Total);

    public sealed record HistoryRow(string? From, string To, string Cause, string? Reason);

    public sealed record PaymentRow(string State, decimal Amount, decimal Captured, string? ProviderReference);

    static readonly Dictionary<string, string[]> Legal = new(StringComparer.Ordinal)
    {
        ["pending"] = ["confirmed", "cancelled", "failed"],
        ["confirmed"] = ["processing", "cancelled"],
        ["processing"] = ["shipped", "cancelled"],
        ["shipped"] = ["delivered"],
    };

    /// <summary>Where a saga leaves an order: its shipment requested (shipping's events move it on), failed or cancelled.</summary>
    public static readonly string[] Terminal = ["processing", "failed", "cancelled"];

    public Dictionary<Guid, OrderRow> Orders { get; } = [];
    public Dictionary<Guid, List<HistoryRow>> History { get; } = [];
    public Dictionary<Guid, PaymentRow> Payments { get; } = [];
    /// <summary>Per order: PaymentSucceeded events of operation capture that payment published.</summary>
    public Dictionary<Guid, long> CaptureEvents { get; } = [];
    /// <summary>Per order: captures the card simulator made (money taken), by the payment's provider reference.</summary>
    public Dictionary<Guid, int> ProviderCaptures { get; } = [];
    public Dictionary<Guid, string> Reservations { get; } = [];
    /// <summary>Per order: the shipment the shipping stand-in holds.</summary>
    public Dictionary<Guid, ShipmentSeen> Shipments { get; } = [];
    /// <summary>(tenant, sku) → units of committed reservations.</summary>
    public Dictionary<(Guid Tenant, string Sku), long> Committed { get; } = [];
    /// <summary>(tenant, sku) → (on hand, reserved).</summary>
    public Dictionary<(Guid Tenant, string Sku), (long OnHand, long Reserved)> Stock { get; } = [];

    public static async Task<SagaAudit> LoadAsync(OrderingService ordering)
    {
        var audit = new SagaAudit();
        foreach (var r in await RowsAsync(ordering.Database, "select id, tenant_id, status, status_reason, total from orders"))
            audit.Orders[(Guid)r[0]!] = new OrderRow((Guid)r[0]!, (Guid)r[1]!, (string)r[2]!, r[3] as string, r[4] as decimal?);
        // Ids are version-7 uuids made on the real clock: their order is the order of the changes.
        foreach (var r in await RowsAsync(ordering.Database, "select order_id, from_status, to_status, cause, reason from order_status_history order by order_id, id"))
        {
            var id = (Guid)r[0]!;
            if (!audit.History.TryGetValue(id, out var rows)) audit.History[id] = rows = [];
            rows.Add(new HistoryRow(r[1] as string, (string)r[2]!, (string)r[3]!, r[4] as string));
        }
        foreach (var ((_, orderId), shipment) in ordering.Shipments) audit.Shipments[orderId] = shipment;
        var simulator = ordering.Payment.Services.GetRequiredService<CardSimulator>();
        foreach (var r in await RowsAsync(ordering.PaymentDb, "select order_id, state, amount, captured_amount, provider_reference from payments"))
        {
            var payment = new PaymentRow((string)r[1]!, (decimal)r[2]!, (decimal)r[3]!, r[4] as string);
            audit.Payments[(Guid)r[0]!] = payment;
            audit.ProviderCaptures[(Guid)r[0]!] = payment.ProviderReference is { } reference ? simulator.Find(reference)?.Captures ?? 0 : 0;
        }
        foreach (var r in await RowsAsync(ordering.PaymentDb, """
            select ("Payload"->>'orderId')::uuid, count(*) from outbox_messages
             where "EventType" = 'PaymentSucceeded' and "Payload"->>'operation' = 'capture' group by 1
            """))
            audit.CaptureEvents[(Guid)r[0]!] = (long)r[1]!;
        foreach (var r in await RowsAsync(ordering.InventoryDb, "select order_id, status from reservations"))
            audit.Reservations[(Guid)r[0]!] = (string)r[1]!;
        foreach (var r in await RowsAsync(ordering.InventoryDb, """
            select l.tenant_id, l.sku, sum(l.quantity)::bigint from reservation_lines l
              join reservations r on r.tenant_id = l.tenant_id and r.order_id = l.order_id
             where r.status = 'committed' group by 1, 2
            """))
            audit.Committed[((Guid)r[0]!, (string)r[1]!)] = (long)r[2]!;
        foreach (var r in await RowsAsync(ordering.InventoryDb, "select tenant_id, sku, on_hand, reserved from stock_items"))
            audit.Stock[((Guid)r[0]!, (string)r[1]!)] = ((long)r[2]!, (long)r[3]!);
        return audit;
    }

    /// <summary>Orders placed but not (or no longer) known, or not in a final state.</summary>
    public List<Guid> LostOrStuck(IEnumerable<Guid> placed) =>
        [.. placed.Where(id => !Orders.TryGetValue(id, out var o) || !Terminal.Contains(o.Status))];

    /// <summary>Orders with more than one capture event or more than one capture at the provider.</summary>
    public List<Guid> DoubleCaptures() =>
        [.. Orders.Keys.Where(id => CaptureEvents.GetValueOrDefault(id) > 1 || ProviderCaptures.GetValueOrDefault(id) > 1)];

    /// <summary>(tenant, sku) whose units went below zero or past what was received: (sku, received, committed, on hand).</summary>
    public List<string> Oversold(IReadOnlyDictionary<(Guid Tenant, string Sku), long> received) =>
        [.. received.Where(kv =>
        {
            var committed = Committed.GetValueOrDefault(kv.Key);
            var (onHand, _) = Stock.GetValueOrDefault(kv.Key);
            return committed > kv.Value || onHand < 0 || onHand != kv.Value - committed;
        }).Select(kv => $"{kv.Key.Sku}: received {kv.Value}, committed {Committed.GetValueOrDefault(kv.Key)}, on hand {Stock.GetValueOrDefault(kv.Key).OnHand}")];

    /// <summary>Units still reserved (held) at the end: none may be, once every saga is over.</summary>
    public long StillReserved => Stock.Values.Sum(s => s.Reserved);

    /// <summary>Failed orders still holding stock or money: reservation not released (or absent), payment captured or held.</summary>
    public List<Guid> FailedButHolding() =>
        [.. Orders.Values.Where(o => o.Status == "failed").Where(o =>
            Reservations.GetValueOrDefault(o.Id) is not (null or "released")
            || Payments.GetValueOrDefault(o.Id) is { State: not ("failed" or "voided") }
            || ProviderCaptures.GetValueOrDefault(o.Id) > 0 || CaptureEvents.GetValueOrDefault(o.Id) > 0).Select(o => o.Id)];

    /// <summary>
    /// Orders whose final state the history does not explain: the rows must form a legal path from pending to the order's
    /// status with its reason; a processing order has a capture of its total, a committed reservation and one live
    /// shipment; a cancelled one holds no money and no live shipment.
    /// </summary>
    public List<string> Unexplained()
    {
        var wrong = new List<string>();
        foreach (var o in Orders.Values)
        {
            var rows = History.GetValueOrDefault(o.Id) ?? [];
            if (rows.Count == 0 || rows[0] is not { From: null, To: "pending" })
                wrong.Add($"{o.Id}: history does not start with pending");
            for (var i = 1; i < rows.Count; i++)
                if (rows[i].From != rows[i - 1].To || !Legal.GetValueOrDefault(rows[i].From ?? "", []).Contains(rows[i].To))
                    wrong.Add($"{o.Id}: illegal step {rows[i].From} → {rows[i].To} after {rows[i - 1].To}");
            if (rows.Count > 0 && (rows[^1].To != o.Status || rows[^1].Reason != o.Reason))
                wrong.Add($"{o.Id}: status {o.Status} ({o.Reason}) but history ends at {rows[^1].To} ({rows[^1].Reason})");
            var payment = Payments.GetValueOrDefault(o.Id);
            switch (o.Status)
            {
                case "processing":
                    if (payment is not { State: "captured" } || payment.Captured != o.Total || ProviderCaptures.GetValueOrDefault(o.Id) != 1)
                        wrong.Add($"{o.Id}: processing with payment {payment?.State ?? "none"} of {payment?.Captured} for a total of {o.Total}");
                    if (Reservations.GetValueOrDefault(o.Id) != "committed")
                        wrong.Add($"{o.Id}: processing with reservation {Reservations.GetValueOrDefault(o.Id) ?? "none"}");
                    if (Shipments.GetValueOrDefault(o.Id) is not { Cancelled: false })
                        wrong.Add($"{o.Id}: processing without a live shipment");
                    break;
                case "failed" or "cancelled" when Shipments.GetValueOrDefault(o.Id) is { Cancelled: false }:
                    wrong.Add($"{o.Id}: {o.Status} with a live shipment");
                    break;
                case "failed" or "cancelled" when string.IsNullOrWhiteSpace(o.Reason):
                    wrong.Add($"{o.Id}: {o.Status} without a reason");
                    break;
                case "cancelled" when payment is { State: not ("failed" or "voided") } || ProviderCaptures.GetValueOrDefault(o.Id) > 0:
                    wrong.Add($"{o.Id}: cancelled by the saga with payment {payment!.State}");
                    break;
            }
        }
        return wrong;
    }

    static async Task<List<object?[]>> RowsAsync(PostgresDatabase db, string sql)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}
