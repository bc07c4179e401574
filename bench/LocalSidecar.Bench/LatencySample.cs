using System.Diagnostics;

namespace DaprShop.LocalSidecar.Bench;

/// <summary>Sequential round-trip latencies of one operation, after a warm-up.</summary>
internal sealed record LatencySample(string Name, double[] Micros)
{
    public double P50 => Percentile(0.50);
    public double P99 => Percentile(0.99);

    double Percentile(double p) => Micros[Math.Min(Micros.Length - 1, (int)(p * Micros.Length))];

    public static async Task<LatencySample> MeasureAsync(string name, int warmup, int count, Func<Task> op)
    {
        for (var i = 0; i < warmup; i++) await op();
        var micros = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await op();
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(micros);
        return new LatencySample(name, micros);
    }
}
