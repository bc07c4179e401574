using DaprShop.Notifications.Domain;
using DaprShop.Notifications.Templates;

namespace DaprShop.Notifications.UnitTests;

public sealed class TemplateTests
{
    static Dictionary<string, object?> Model() => new(StringComparer.Ordinal)
    {
        ["shop"] = new Dictionary<string, object?> { ["name"] = "Acme", ["url"] = "https://acme.example.test" },
        ["user"] = new Dictionary<string, object?> { ["email"] = "ann@example.test" },
        ["order"] = new Dictionary<string, object?> { ["id"] = "o-1", ["number"] = "DS-2026-000001" },
        ["tracking"] = new Dictionary<string, object?> { ["carrier"] = "sim", ["number"] = "T1", ["url"] = "https://t.example.test/T1" },
        ["payment"] = new Dictionary<string, object?> { ["amount"] = "9.99", ["currency"] = "EUR", ["reason"] = "declined" },
        ["refund"] = new Dictionary<string, object?> { ["amount"] = "9.99", ["currency"] = "EUR", ["full"] = true },
    };

    public static TheoryData<string, string> EveryKindAndChannel()
    {
        var data = new TheoryData<string, string>();
        foreach (var k in MessageKinds.All)
            foreach (var c in Channels.All) data.Add(k, c);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryKindAndChannel))]
    public void Every_built_in_template_parses_and_renders_without_leftover_markup(string kind, string channel)
    {
        var t = DefaultTemplates.For(kind, channel);

        var rendered = new TemplateRenderer().Render(t, channel, Model());

        Assert.Null(TemplateRenderer.ParseError(t.Body));
        Assert.DoesNotContain("{{", rendered.Body, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(rendered.Body));
        Assert.Equal(channel == Channels.Sms, rendered.Subject is null);
    }

    [Fact]
    public void Email_bodies_are_html_encoded_and_subjects_and_sms_are_not()
    {
        var model = Model();
        model["payment"] = new Dictionary<string, object?> { ["amount"] = "1.00", ["currency"] = "EUR", ["reason"] = "<script>x</script> & co" };
        var renderer = new TemplateRenderer();

        var email = renderer.Render(DefaultTemplates.For(MessageKinds.PaymentFailed, Channels.Email), Channels.Email, model);
        var sms = renderer.Render(DefaultTemplates.For(MessageKinds.PaymentFailed, Channels.Sms), Channels.Sms, model);

        Assert.Contains("&lt;script&gt;", email.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", email.Body, StringComparison.Ordinal);
        Assert.Contains("<script>x</script> & co", sms.Body, StringComparison.Ordinal);
        Assert.Equal("Payment for your order DS-2026-000001 failed", email.Subject);
    }

    [Theory]
    [InlineData("{% if x %}never closed")]
    [InlineData("{{ unterminated")]
    [InlineData("{% for %}{% endfor %}")]
    public void A_template_that_does_not_parse_names_the_error(string source) =>
        Assert.False(string.IsNullOrEmpty(TemplateRenderer.ParseError(source)));

    [Fact]
    public void A_runaway_loop_is_stopped_by_the_step_limit()
    {
        const string Loop = "{% for i in (1..1000000) %}x{% endfor %}";

        Assert.Null(TemplateRenderer.ParseError(Loop));
        Assert.ThrowsAny<Exception>(() => new TemplateRenderer().Render(Loop, Model(), html: false));
    }
}
