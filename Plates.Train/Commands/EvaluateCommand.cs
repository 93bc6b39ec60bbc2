using System.CommandLine;
using System.Globalization;
using Plates.Train.Training;
using Spectre.Console;

namespace Plates.Train.Commands;

/// <summary><c>evaluate</c>: scores a saved model on a folder of class folders and writes the report.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "The saved model (.zip) to evaluate.", Required = true };
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder with one sub-folder per label (e.g. chars/province).", Required = true };
        var split = new Option<EvaluationSplit>("--split") { Description = "test: the part training held out (same seed and fraction); all: every image.", DefaultValueFactory = _ => EvaluationSplit.Test };
        var report = new Option<DirectoryInfo?>("--report") { Description = "Report folder (default: reports/<model>-<split> beside the model)." };
        var testFraction = new Option<double>("--test-fraction") { Description = "Fraction held out at training time.", DefaultValueFactory = _ => 0.3 };
        var seed = new Option<int>("--seed") { Description = "Seed used at training time.", DefaultValueFactory = _ => 1 };

        var command = new Command("evaluate", "Evaluate a saved model on a folder of per-class images and write metrics.json, metrics.md, confusion.csv and plots.")
        {
            model, data, split, report, testFraction, seed,
        };
        command.SetAction(parse =>
        {
            string modelPath = parse.GetRequiredValue(model).FullName;
            var chosenSplit = parse.GetValue(split);
            string reportFolder = parse.GetValue(report)?.FullName
                ?? Path.Combine(Path.GetDirectoryName(modelPath)!, "reports", $"{Path.GetFileNameWithoutExtension(modelPath)}-{chosenSplit.ToString().ToLowerInvariant()}");
            try
            {
                var (result, warnings) = SpectreProgress.Run(Path.GetFileName(modelPath),
                    progress => EvaluationRun.Run(modelPath, parse.GetRequiredValue(data).FullName, chosenSplit, parse.GetValue(testFraction), parse.GetValue(seed), reportFolder, progress));
                foreach (string warning in warnings) AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
                AnsiConsole.MarkupLineInterpolated(
                    $"{result.Model} on {result.Samples} {result.Split} images: micro accuracy {result.MicroAccuracy.ToString("P2", CultureInfo.InvariantCulture)}, macro accuracy {result.MacroAccuracy.ToString("P2", CultureInfo.InvariantCulture)}, log-loss {result.LogLoss.ToString("F3", CultureInfo.InvariantCulture)}; {result.Skipped.Count} file(s) skipped. Report: {reportFolder}");
                return 0;
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or InvalidOperationException)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
