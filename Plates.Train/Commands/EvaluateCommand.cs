using System.CommandLine;
using System.Globalization;
using Plates.Train.Training;
using Spectre.Console;

namespace Plates.Train.Commands;

/// <summary>
/// <c>evaluate</c>: scores a saved model on a folder of class folders and writes the report. The test split is the
/// model's own (seed and fraction from its metadata); what would make it another is refused with exit code 2.
/// </summary>
public static class EvaluateCommand
{
    /// <param name="console">Where messages go (default: the process's console).</param>
    public static Command Create(IAnsiConsole? console = null)
    {
        var model = new Option<FileInfo>("--model") { Description = "The saved model (.zip) to evaluate.", Required = true };
        var data = new Option<DirectoryInfo[]>("--data") { Description = "Folder with one sub-folder per label (e.g. chars/province), or a training root holding the model's folder (chars). Repeat to score several sources together, each reported beside the headline.", Required = true };
        var split = new Option<EvaluationSplit>("--split") { Description = "test: the part training held out (the model's seed and fraction); all: every image.", DefaultValueFactory = _ => EvaluationSplit.Test };
        var report = new Option<DirectoryInfo?>("--report") { Description = "Report folder (default: reports/<model>-<split> beside the model)." };
        var testFraction = new Option<double?>("--test-fraction") { Description = "Fraction held out at training time (default: the model's, from its metadata; 0.3 for a model without). One that disagrees with the model's is refused unless --force." };
        var seed = new Option<int?>("--seed") { Description = "Seed used at training time (default: the model's, from its metadata; 1 for a model without). One that disagrees with the model's is refused unless --force." };
        var force = new Option<bool>("--force") { Description = "Score the test split even when --seed, --test-fraction or the data (its fingerprint) differ from the model's training; warned, as the split then holds training images." };

        var command = new Command("evaluate", "Evaluate a saved model on a folder of per-class images and write metrics.json, metrics.md, confusion.csv and plots. Images of classes the model does not know are counted as errors in 'accuracy over all images', beside the headline figure.")
        {
            model, data, split, report, testFraction, seed, force,
        };
        command.SetAction(parse =>
        {
            var output = console ?? AnsiConsole.Console;
            string modelPath = parse.GetRequiredValue(model).FullName;
            var options = new EvaluationOptions
            {
                Split = parse.GetValue(split),
                Seed = parse.GetValue(seed),
                TestFraction = parse.GetValue(testFraction),
                Force = parse.GetValue(force),
            };
            string reportFolder = parse.GetValue(report)?.FullName
                ?? Path.Combine(Path.GetDirectoryName(modelPath)!, "reports", $"{Path.GetFileNameWithoutExtension(modelPath)}-{options.Split.ToString().ToLowerInvariant()}");
            try
            {
                var (result, warnings) = SpectreProgress.Run(output, Path.GetFileName(modelPath),
                    progress => EvaluationRun.Run(modelPath, parse.GetRequiredValue(data).Select(d => d.FullName).ToArray(), options, reportFolder, progress));
                foreach (string warning in warnings) output.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
                output.MarkupLineInterpolated(
                    $"{result.Model} on {result.Samples} {result.Split} images of its classes: micro accuracy {result.MicroAccuracy.ToString("P2", CultureInfo.InvariantCulture)}, macro accuracy {result.MacroAccuracy.ToString("P2", CultureInfo.InvariantCulture)}, log-loss {result.LogLoss.ToString("F3", CultureInfo.InvariantCulture)}; {result.Skipped.Count} file(s) skipped. Report: {reportFolder}");
                if (result.Sources.Count > 1)
                    output.MarkupLineInterpolated($"micro accuracy per source: {string.Join(", ", result.Sources.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} {s.MicroAccuracy:P2} of {s.Evaluated}")))}");
                if (EvaluationRun.OutsideModelSummary(result) is { } outside)
                    output.MarkupLineInterpolated($"[yellow]{outside}[/]");
                return 0;
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                output.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
