namespace Plates.Benchmarks;

/// <summary>
/// Finds the repository and the shared data beside it from wherever the benchmark runs: its own bin folder, or the
/// project BenchmarkDotNet generates under that bin folder.
/// </summary>
public static class RepoPaths
{
    public const string SolutionFile = "MlNetPlates.sln";

    /// <exception cref="DirectoryNotFoundException">No folder above the application holds MlNetPlates.sln.</exception>
    public static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile))) return folder.FullName;
        throw new DirectoryNotFoundException(
            $"No folder above {AppContext.BaseDirectory} holds {SolutionFile}; build and run the benchmarks inside the repository.");
    }

    /// <summary>
    /// Environment variable naming another models folder to time. <c>chars --models</c> sets it on BenchmarkDotNet's
    /// job (<see cref="CharsCommand.Config"/>), which passes it to the child process that runs the benchmark.
    /// </summary>
    public const string ModelsVariable = "PLATES_BENCHMARK_MODELS";

    /// <summary>The repository's shipped models (province.zip, city.zip, alnum.zip), or the folder <see cref="ModelsVariable"/> names.</summary>
    /// <exception cref="DirectoryNotFoundException">The repository or its assets/models folder is missing.</exception>
    public static string Models() => Models(Environment.GetEnvironmentVariable(ModelsVariable));

    /// <summary><paramref name="folder"/> as a full path, or the repository's shipped models when it is null or empty.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder is missing.</exception>
    public static string Models(string? folder)
    {
        string models = folder is { Length: > 0 }
            ? Path.GetFullPath(folder)
            : Path.Combine(Root(), "assets", "models");
        if (!Directory.Exists(models)) throw new DirectoryNotFoundException($"Models folder not found: {models}");
        return models;
    }

    /// <summary>A folder of ../shared/datasets beside the repository, such as "scenes" or "chars".</summary>
    /// <exception cref="DirectoryNotFoundException">The datasets folder or the named subfolder is missing; the message says where it was looked for.</exception>
    public static string Dataset(string name)
    {
        string root = Root();
        string datasets = Path.GetFullPath(Path.Combine(root, "..", "shared", "datasets"));
        if (!Directory.Exists(datasets))
            throw new DirectoryNotFoundException($"Data folder not found: {datasets} (the benchmarks expect ../shared/datasets beside the repository {root}).");
        string folder = Path.Combine(datasets, name);
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Data folder not found: {folder} ({datasets} exists but has no {name} folder).");
        return folder;
    }
}
