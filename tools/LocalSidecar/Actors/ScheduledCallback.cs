using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaprShop.LocalSidecar.Actors;

/// <summary>
/// A timer or reminder as daprd keeps it: the user's <c>dueTime</c>/<c>period</c> strings (echoed back to the
/// app verbatim), the next due instant, repetitions left and expiry. <c>data</c> is kept as the raw JSON the
/// app sent, as daprd does, so the app gets back exactly what it registered.
/// </summary>
// The token source has no timer and nobody reads its WaitHandle, so there is nothing to release; disposing
// it would instead race with calls still linking to its token.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "CancellationTokenSource without timer or wait handle")]
public sealed class ScheduledCallback
{
    readonly CancellationTokenSource _cts = new();

    ScheduledCallback(string type, string id, string name, bool isTimer)
    {
        Type = type;
        Id = id;
        Name = name;
        IsTimer = isTimer;
    }

    public string Type { get; }
    public string Id { get; }
    public string Name { get; }
    public bool IsTimer { get; }
    public string? Callback { get; private init; }
    public string? Data { get; private init; }
    public string DueTime { get; private init; } = "";
    public ReminderPeriod Period { get; private init; } = ReminderPeriod.None;
    public DateTimeOffset NextAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private init; }
    public int RepeatsLeft { get; private set; }
    public string Key => $"{Type}||{Id}||{Name}";
    public string Target => $"{Type}/{Id}/{Name}";
    public CancellationToken Cancelled => _cts.Token;

    /// <summary>Parses a register body (<c>dueTime</c>, <c>period</c>, <c>ttl</c>, <c>data</c>, <c>callback</c>) the way daprd does.</summary>
    public static ScheduledCallback Parse(string type, string id, string name, bool isTimer, JsonElement body, DateTimeOffset now)
    {
        string? Str(string p) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var kind = isTimer ? "timer" : "reminder";
        var dueTime = Str("dueTime") ?? "";
        DateTimeOffset first;
        ReminderPeriod period;
        DateTimeOffset? expires = null;
        try { first = dueTime == "" ? now : DaprTime.ParseTime(dueTime, now); }
        catch (FormatException e) { throw new FormatException($"error parsing {kind} due time: {e.Message}", e); }
        try { period = DaprTime.ParsePeriod(Str("period")); }
        catch (FormatException e) { throw new FormatException($"invalid {kind} period: {e.Message}", e); }
        if (Str("ttl") is { Length: > 0 } ttl)
        {
            try { expires = DaprTime.ParseTime(ttl, first); }
            catch (FormatException e) { throw new FormatException($"error parsing {kind} TTL: {e.Message}", e); }
            if (now > expires || first > expires)
                throw new FormatException($"{kind} {type}||{id}||{name} has already expired: dueTime: {first:O} TTL: {ttl}");
        }
        string? data = null;
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("data", out var d) && d.ValueKind != JsonValueKind.Null)
            data = d.GetRawText();
        return new ScheduledCallback(type, id, name, isTimer)
        {
            Callback = Str("callback"),
            Data = data,
            DueTime = dueTime,
            Period = period,
            NextAt = first,
            ExpiresAt = expires,
            RepeatsLeft = period.Repeats,
        };
    }

    /// <summary>True while a tick is still owed: not expired, and a repetition left.</summary>
    public bool IsActive => ExpiresAt is not { } exp || NextAt < exp;

    /// <summary>Advances past a tick as daprd's <c>TickExecuted</c>; returns false when no tick remains.</summary>
    public bool Advance()
    {
        if (RepeatsLeft > 0) RepeatsLeft--;
        if (RepeatsLeft == 0 || !Period.IsRecurring) return false;
        NextAt = Period.Following(NextAt);
        return IsActive;
    }

    /// <summary>The body daprd PUTs to <c>/actors/{type}/{id}/method/{remind|timer}/{name}</c>.</summary>
    public string FireBody()
    {
        var o = new JsonObject();
        if (IsTimer) o["callback"] = Callback ?? "";
        if (Data is not null) o["data"] = JsonNode.Parse(Data);
        o["dueTime"] = DueTime;
        o["period"] = Period.Raw;
        return o.ToJsonString();
    }

    /// <summary>daprd's GetActorReminder answer (<c>ttl</c> is the expiry instant, RFC 3339).</summary>
    public string GetBody()
    {
        var o = new JsonObject { ["actorID"] = Id, ["actorType"] = Type };
        if (Data is not null) o["data"] = JsonNode.Parse(Data);
        if (DueTime != "") o["dueTime"] = DueTime;
        if (Period.Raw != "") o["period"] = Period.Raw;
        if (ExpiresAt is { } exp) o["ttl"] = exp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", System.Globalization.CultureInfo.InvariantCulture);
        return o.ToJsonString();
    }

    /// <summary>
    /// The local sidecar's own record of a reminder, enough to re-arm it after a restart (daprd's lives in its
    /// Scheduler, in a layout of its own): <c>data</c> as the raw JSON registered, the user's strings, and the
    /// next due instant and repetitions left on the cluster's clock.
    /// </summary>
    public string ToStoredJson() =>
        JsonSerializer.Serialize(new StoredReminder(Type, Id, Name, Data, DueTime, Period.Raw, NextAt, ExpiresAt, RepeatsLeft), StoredJson);

    /// <exception cref="FormatException">A record this version cannot read.</exception>
    public static ScheduledCallback FromStoredJson(string json)
    {
        StoredReminder? s;
        try { s = JsonSerializer.Deserialize<StoredReminder>(json, StoredJson); }
        catch (JsonException e) { throw new FormatException($"unreadable reminder record: {e.Message}", e); }
        if (s is null || string.IsNullOrEmpty(s.Type) || string.IsNullOrEmpty(s.Id) || string.IsNullOrEmpty(s.Name))
            throw new FormatException("reminder record without actor type, id or name");
        return new ScheduledCallback(s.Type, s.Id, s.Name, isTimer: false)
        {
            Data = s.Data,
            DueTime = s.DueTime ?? "",
            Period = DaprTime.ParsePeriod(s.Period),
            NextAt = s.NextAt,
            ExpiresAt = s.ExpiresAt,
            RepeatsLeft = s.RepeatsLeft,
        };
    }

    static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web);

    sealed record StoredReminder(string Type, string Id, string Name, string? Data, string? DueTime, string? Period,
        DateTimeOffset NextAt, DateTimeOffset? ExpiresAt, int RepeatsLeft);

    public void Cancel()
    {
        try { _cts.Cancel(); } catch (ObjectDisposedException) { }
    }
}
