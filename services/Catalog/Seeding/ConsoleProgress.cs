using System.Diagnostics;

namespace DaprShop.Catalog.Seeding;

/// <summary>A one-line progress bar on stderr (redrawn in place on a terminal; a line per 10% when redirected).</summary>
internal sealed class ConsoleProgress(string label, long total) : IDisposable
{
    const int Width = 30;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    int _lastDecile = -1;

    public void Report(long done)
    {
        var fraction = total == 0 ? 1 : Math.Clamp((double)done / total, 0, 1);
        var rate = done / Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        var bar = new string('#', (int)(fraction * Width)).PadRight(Width, '.');
        var line = $"{label} [{bar}] {fraction,4:P0} {done:N0}/{total:N0}  {rate:N0}/s";
        if (!Console.IsErrorRedirected) Console.Error.Write("\r" + line);
        else if ((int)(fraction * 10) is var decile && decile != _lastDecile)
        {
            _lastDecile = decile;
            Console.Error.WriteLine(line);
        }
    }

    public void Done(string summary)
    {
        if (!Console.IsErrorRedirected) Console.Error.WriteLine();
        Console.Error.WriteLine($"{label}: {summary}");
    }

    public void Dispose() => _clock.Stop();
}
