using System.Globalization;
using DaprShop.LocalSidecar.Bindings;
using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.UnitTests;

public sealed class DurationAndScheduleTests
{
    [Theory]
    [InlineData("5s", 5_000)]
    [InlineData("1h2m3s", 3_723_000)]
    [InlineData("300ms", 300)]
    [InlineData("1.5s", 1_500)]
    [InlineData("0h0m5s0ms", 5_000)]
    [InlineData("0", 0)]
    public void Go_durations_parse_to_milliseconds(string text, double ms) =>
        Assert.Equal(TimeSpan.FromMilliseconds(ms), GoDuration.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5x")]
    [InlineData("s5")]
    [InlineData("5s garbage")]
    public void Malformed_go_durations_are_rejected(string text) => Assert.Null(GoDuration.Parse(text));

    [Fact]
    public void Resource_durations_accept_iso_8601_too() =>
        Assert.Equal(TimeSpan.FromSeconds(90), ResourceLoader.ParseDuration("PT1M30S"));

    static DateTimeOffset At(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("*/5 * * * *", "2026-03-01T10:01:00Z", "2026-03-01T10:05:00Z")]
    [InlineData("30 * * * * *", "2026-03-01T10:01:00Z", "2026-03-01T10:01:30Z")]
    [InlineData("@hourly", "2026-03-01T10:01:00Z", "2026-03-01T11:00:00Z")]
    [InlineData("@daily", "2026-03-01T10:01:00Z", "2026-03-02T00:00:00Z")]
    [InlineData("@every 15s", "2026-03-01T10:01:00Z", "2026-03-01T10:01:15Z")]
    [InlineData("@every 1h30m", "2026-03-01T10:01:00Z", "2026-03-01T11:31:00Z")]
    public void Cron_binding_schedules_give_the_next_firing(string schedule, string from, string expected) =>
        Assert.Equal(At(expected), CronSchedule.Parse(schedule).Next(At(from)));

    [Theory]
    [InlineData("* * *")]
    [InlineData("@every soon")]
    [InlineData("61 * * * *")]
    public void Malformed_cron_schedules_are_rejected(string schedule) =>
        Assert.ThrowsAny<FormatException>(() => CronSchedule.Parse(schedule));
}
