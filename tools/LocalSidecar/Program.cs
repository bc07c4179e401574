using System.Runtime.InteropServices;
using DaprShop.LocalSidecar.Standalone;
using DaprShop.LocalSidecar.State;

// Standalone mode: `DaprShop.LocalSidecar run -f dapr.yaml` runs a multi-app template on the local sidecar.
if (args.Length < 3 || args[0] != "run" || args[1] is not ("-f" or "--run-file"))
{
    Console.Error.WriteLine("usage: DaprShop.LocalSidecar run -f <dapr.yaml>");
    return 64;
}

var apps = RunTemplate.Load(args[2]);
if (apps.Count == 0)
{
    Console.Error.WriteLine($"{args[2]} lists no apps");
    return 65;
}
using var stop = new CancellationTokenSource();
// Ctrl+C and SIGTERM both stop the apps and the cluster in order, rather than leaving apps holding their ports;
// registered before anything starts, so a signal during start-up stops the run the same way.
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
StandaloneRunner started;
try
{
    started = await StandaloneRunner.StartAsync(apps, LogLevel.Warning);
}
catch (ComponentInitException e)
{
    // daprd refuses to start over a component it cannot initialize; so does the run.
    Console.Error.WriteLine($"== cannot start: {e.Message}");
    return 1;
}
await using var runner = started;
Console.WriteLine("== local sidecar cluster running; Ctrl+C stops every app");
var stopped = Task.Delay(Timeout.Infinite, stop.Token);
// Ctrl+C in a terminal also reaches the apps, which may end first: a stop request wins over their exit codes.
if (await Task.WhenAny(runner.AppsExited, stopped) == runner.AppsExited && !stop.IsCancellationRequested)
{
    // Like `dapr run -f`: the run ends with its apps, and fails when one of them did.
    var code = await runner.AppsExited;
    Console.WriteLine(code == 0 ? "== every app exited" : $"== every app exited; the first to fail exited with code {code}");
    return code is > 0 and < 256 ? code : code == 0 ? 0 : 1;
}
Console.WriteLine("== stopping");
return 0;

// ASP.NET Core 10 makes a Web project's top-level Program public; keep this one internal so test
// projects that reference the local sidecar and a service see only the service's Program.
internal partial class Program;
