using System.CommandLine;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace Plates.Benchmarks;

/// <summary><c>chars</c>: BenchmarkDotNet over <see cref="CharacterBenchmarks"/>, then each model's median against the target.</summary>
public static class CharsCommand
{
    public const double TargetMedianMs = 0.25;

    public static Command Create()
    {
        var command = new Command("chars",
            $"BenchmarkDotNet: CharacterClassifier.Classify on a real 20×20 crop from ../shared/datasets/chars, for the province, city and alnum models (target: median < {TargetMedianMs} ms).");
        var models = new Option<DirectoryInfo?>("--models") { Description = "Time the models in this folder instead of the shipped assets/models (say, ones trained with --features Centred)." };
        command.Options.Add(models);
        command.SetAction(parse =>
        {
            string? chosen = parse.GetValue(models)?.FullName;
            // The benchmark runs in a child process where a missing file only shows as a failed case; check here first.
            try
            {
                string modelsFolder = chosen is null ? RepoPaths.Models() : RepoPaths.Models(chosen);
                foreach (string model in CharacterBenchmarks.Models)
                {
                    string crop = CharacterBenchmarks.CropPath(model);
                    CharacterBenchmarks.ReadCrop(crop);
                    string modelPath = CharacterBenchmarks.ModelPath(modelsFolder, model);
                    if (!File.Exists(modelPath)) throw new FileNotFoundException($"Model not found: {modelPath}", modelPath);
                    Console.WriteLine($"{model}: {modelPath} on {crop}");
                }
            }
            catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or InvalidDataException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }

            var summary = BenchmarkRunner.Run<CharacterBenchmarks>(Config(chosen));
            bool allMeasured = summary.Reports.Length == CharacterBenchmarks.Models.Count;
            Console.WriteLine();
            foreach (var report in summary.Reports)
            {
                string model = (string)report.BenchmarkCase.Parameters[nameof(CharacterBenchmarks.Model)];
                if (report.ResultStatistics is not { } stats)
                {
                    allMeasured = false;
                    Console.WriteLine($"{model}: no result (see the BenchmarkDotNet log above)");
                    continue;
                }
                double medianMs = stats.Median / 1e6;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{model}: median {medianMs:F4} ms, mean {stats.Mean / 1e6:F4} ms per character (target < {TargetMedianMs} ms: {Statistics.Verdict(medianMs < TargetMedianMs)})"));
            }
            return allMeasured ? 0 : 1;
        });
        return command;
    }

    /// <summary>
    /// The run's configuration: with a chosen models folder, the job carries it to the child process in
    /// <see cref="RepoPaths.ModelsVariable"/>. A mutator job, because it adds to the [SimpleJob] of
    /// <see cref="CharacterBenchmarks"/> instead of running as a second job beside it.
    /// </summary>
    public static IConfig Config(string? modelsFolder) => modelsFolder is null
        ? DefaultConfig.Instance
        : DefaultConfig.Instance.AddJob(Job.Default.WithEnvironmentVariable(RepoPaths.ModelsVariable, modelsFolder).AsMutator());
}
