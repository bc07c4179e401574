using System.Text.Encodings.Web;
using DaprShop.Notifications.Domain;
using Fluid;
using Fluid.Values;

namespace DaprShop.Notifications.Templates;

/// <summary>
/// Liquid templates (Fluid): parsed once per distinct text, rendered in a sandbox (no .NET members, only the model's
/// dictionaries; bounded steps, recursion and output), email bodies HTML-encoded so a value cannot inject markup.
/// </summary>
internal sealed class TemplateRenderer
{
    static readonly FluidParser Parser = new();

    static readonly TemplateOptions Options = new TemplateOptionsBuilder()
        .WithMaxSteps(100_000)
        .WithMaxRecursion(20)
        .WithMaxOutputSize(100_000)
        .Build();

    readonly System.Collections.Concurrent.ConcurrentDictionary<string, IFluidTemplate> _parsed = new(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="source"/> parses; else the parser's error, for a 422.</summary>
    public static string? ParseError(string source) =>
        Parser.TryParse(source, out _, out var error) ? null : error;

    public string Render(string source, IReadOnlyDictionary<string, object?> model, bool html)
    {
        if (_parsed.Count > 1_000) _parsed.Clear(); // tenants' edited templates: keep the cache bounded
        var template = _parsed.GetOrAdd(source, s => Parser.TryParse(s, out var t, out var error)
            ? t
            : throw new InvalidOperationException($"template does not parse: {error}"));
        var context = new TemplateContext(Options);
        foreach (var (key, value) in model) context.SetValue(key, FluidValue.Create(value, Options));
        return template.Render(context, html ? HtmlEncoder.Default : NullEncoder.Default);
    }

    public RenderedMessage Render(TemplateText template, string channel, IReadOnlyDictionary<string, object?> model) => new(
        template.Subject is null || channel == Channels.Sms ? null : Render(template.Subject, model, html: false).Trim(),
        Render(template.Body, model, html: channel == Channels.Email));
}

internal sealed record RenderedMessage(string? Subject, string Body);
