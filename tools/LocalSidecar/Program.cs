using System.Runtime.InteropServices;
using DaprShop.LocalSidecar.Standalone;

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
await using var runner = await StandaloneRunner.StartAsync(apps, LogLevel.Warning);
using var stop = new CancellationTokenSource();
// Ctrl+C and SIGTERM both stop the apps and the cluster in order, rather than leaving apps holding their ports.
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
Console.WriteLine("== local sidecar cluster running; Ctrl+C stops every app");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("== stopping");
}
return 0;

// ASP.NET Core 10 makes a Web project's top-level Program public; keep this one internal so test
// projects that reference the local sidecar and a service see only the service's Program.
internal partial class Program;
