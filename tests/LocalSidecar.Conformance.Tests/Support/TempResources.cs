namespace DaprShop.LocalSidecar.Tests.Support;

/// <summary>A throwaway resources folder for components whose metadata is only known at test time (e.g. a URL).</summary>
public sealed class TempResources : IDisposable
{
    TempResources(string path) => Path = path;

    public string Path { get; }

    public static TempResources With(string fileName, string yaml)
    {
        var dir = Directory.CreateTempSubdirectory("daprshop-resources-").FullName;
        File.WriteAllText(System.IO.Path.Combine(dir, fileName), yaml);
        return new TempResources(dir);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
