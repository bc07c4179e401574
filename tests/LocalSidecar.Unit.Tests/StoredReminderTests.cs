using System.Text.Json;
using DaprShop.LocalSidecar.Actors;

namespace DaprShop.LocalSidecar.UnitTests;

public sealed class StoredReminderTests
{
    static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    static ScheduledCallback Parse(string body) =>
        ScheduledCallback.Parse("CartActor", "t1:u1", "idle", isTimer: false, JsonDocument.Parse(body).RootElement, Now);

    [Fact]
    public void A_stored_reminder_comes_back_with_its_data_schedule_and_progress()
    {
        var reminder = Parse("""{"dueTime":"1h","period":"R3/PT10M","ttl":"5h","data":{"cart":"c1"}}""");
        reminder.Advance();

        var back = ScheduledCallback.FromStoredJson(reminder.ToStoredJson());

        Assert.Equal(("CartActor", "t1:u1", "idle"), (back.Type, back.Id, back.Name));
        Assert.Equal(reminder.FireBody(), back.FireBody());
        Assert.Equal(reminder.GetBody(), back.GetBody());
        Assert.Equal(Now.AddHours(1).AddMinutes(10), back.NextAt);
        Assert.Equal(2, back.RepeatsLeft);
        Assert.Equal(reminder.ExpiresAt, back.ExpiresAt);
        Assert.False(back.IsTimer);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"type":"","id":"x","name":"n"}""")]
    [InlineData("""{"type":"T","id":"x","name":"n","period":"every day"}""")]
    public void An_unreadable_record_is_a_format_error_not_a_crash(string json) =>
        Assert.Throws<FormatException>(() => ScheduledCallback.FromStoredJson(json));
}
