using System.Diagnostics;

namespace DaprShop.RealDapr.Tests;

/// <summary>What tier 3 needs on the machine; each missing piece is a visible skip reason, never a silent pass.</summary>
internal static class RealDaprRequirements
{
    static readonly Lazy<string?> Missing = new(Check);

    /// <summary>Null when the Dapr CLI and a Docker engine both answer; otherwise why tier 3 cannot run here.</summary>
    public static string? SkipReason => Missing.Value;

    static string? Check()
    {
        if (!Succeeds("dapr", "--version")) return "dapr CLI not found (install it and run `dapr init` to run tier 3)";
        if (!Succeeds("docker", "info")) return "no Docker engine (dapr init's placement, scheduler and Redis need one)";
        return null;
    }

    static bool Succeeds(string file, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return false;
            process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not on PATH
        }
    }
}
