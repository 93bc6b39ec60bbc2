namespace Plates.Tests.TestSupport;

/// <summary>Where the repository and the shared datasets are, seen from the test binaries.</summary>
public static class TestData
{
    private static readonly Lazy<string?> s_repoRoot = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MlNetPlates.sln"))) dir = dir.Parent;
        return dir?.FullName;
    });

    /// <summary>The folder holding MlNetPlates.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot => s_repoRoot.Value ?? throw new InvalidOperationException($"MlNetPlates.sln not found above {AppContext.BaseDirectory}.");

    /// <summary>../shared/datasets beside the repository.</summary>
    public static string Datasets => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "datasets"));

    /// <summary>../shared/datasets, or null when the repository or the datasets are not where they are expected.</summary>
    public static string? DatasetsIfPresent =>
        s_repoRoot.Value is not null && Directory.Exists(Datasets) ? Datasets : null;

    public static string ShippedModels => Path.Combine(RepoRoot, "assets", "models");

    /// <summary>The folder under the datasets, or an inconclusive test when the data is not beside the repository.</summary>
    public static string RequireDataset(params string[] parts)
    {
        string path = Path.Combine([Datasets, .. parts]);
        if (!Directory.Exists(path)) Assert.Inconclusive($"Dataset folder not found: {path}");
        return path;
    }
}

/// <summary>A temporary folder deleted with everything in it when disposed.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mlnetplates-" + Guid.NewGuid().ToString("N"));

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
