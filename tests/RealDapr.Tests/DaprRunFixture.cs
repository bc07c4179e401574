using System.Diagnostics;
using System.Text;
using DaprShop.Testing;

namespace DaprShop.RealDapr.Tests;

/// <summary>
/// <c>make run</c>'s real-Dapr path, once for the test class: the development set-up (<c>scripts/dev-up.sh</c>:
/// databases, secrets file), then <c>dapr run -f dapr.yaml</c> from the repository root, ready once identity's
/// <c>/readyz</c> answers 200 on its app port. Stopped with <c>dapr stop -f dapr.yaml</c>.
/// When the machine lacks the Dapr CLI or a Docker engine, nothing starts and every test skips with that reason.
/// </summary>
public sealed class DaprRunFixture : IAsyncLifetime
{
    public const int IdentityPort = 8082;
    static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    readonly StringBuilder _output = new();
    Process? _run;

    public string? SkipReason { get; private set; } = RealDaprRequirements.SkipReason;
    public HttpClient Identity { get; } = new() { BaseAddress = new Uri($"http://127.0.0.1:{IdentityPort}/"), Timeout = TimeSpan.FromSeconds(30) };
    public string Output { get { lock (_output) return _output.ToString(); } }

    public void SkipUnlessAvailable()
    {
        if (SkipReason is not null) Assert.Skip(SkipReason);
    }

    public async ValueTask InitializeAsync()
    {
        if (SkipReason is not null) return;
        var root = RepositoryRoot();
        await RunToEndAsync(Path.Combine(root, "scripts", "dev-up.sh"), "", root);

        var run = _run = Start("dapr", "run -f dapr.yaml", root);
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (run.HasExited) throw new InvalidOperationException($"dapr run exited with {run.ExitCode} before identity was ready:\n{Output}");
                return await IsReadyAsync();
            }, "identity's /readyz answers 200", StartTimeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} (within {StartTimeout}):\n{Output}", e);
        }
    }

    async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Identity.GetAsync("readyz");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Identity.Dispose();
        if (_run is null) return;
        try
        {
            await RunToEndAsync("dapr", "stop -f dapr.yaml", RepositoryRoot());
        }
        finally
        {
            if (!_run.HasExited) _run.Kill(entireProcessTree: true);
            await _run.WaitForExitAsync();
            _run.Dispose();
        }
    }

    Process Start(string file, string arguments, string directory)
    {
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(file, arguments)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    async Task RunToEndAsync(string file, string arguments, string directory)
    {
        using var process = Start(file, arguments, directory);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}:\n{Output}");
    }

    void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public static string RepositoryRoot() => DaprShop.Testing.Dapr.TestDapr.RepositoryPath();
}
