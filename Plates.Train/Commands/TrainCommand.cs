using System.CommandLine;
using System.Globalization;
using Plates.Model.Features;
using Plates.Model.Labels;
using Plates.Model.Pipelines;
using Plates.Train.Data;
using Plates.Train.Training;
using Plates.Train.Training.Convolutional;
using Spectre.Console;

namespace Plates.Train.Commands;

/// <summary>
/// <c>train</c>: fits the province, city and alnum models from per-class folders and writes models and reports. The
/// output folder is required and one that already holds a model or report of the models asked for is refused without
/// <c>--force</c>, so the shipped models are never replaced by accident; the folder is checked for writing before
/// anything is trained.
/// </summary>
public static class TrainCommand
{
    /// <param name="console">Where messages go (default: the process's console).</param>
    public static Command Create(IAnsiConsole? console = null)
    {
        var data = new Option<string[]>("--data") { Description = "Root folder holding province/, city/ and alnum/, each with one folder per label. Repeat to train on several roots merged (a class is its folders in every root; a root without a model's folder is left out of that model); ROOT:WEIGHT weighs a root's examples (e.g. /tmp/harvest:0.5).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where <model>.zip and reports/<model>/ are written. Required; a folder that already holds one of them is refused unless --force (the shipped models are in assets/models).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace the <model>.zip and reports/<model>/ that --out already holds." };
        var model = new Option<string[]>("--model") { Description = "Train only these models: province, city, alnum, special (default: the first three, and special when a --data root has a special/ folder).", AllowMultipleArgumentsPerToken = true };
        model.AcceptOnlyFromAmong(LabelSets.All.Select(s => s.Name).ToArray());
        var testFraction = new Option<double>("--test-fraction") { Description = "Fraction of each class held out for testing.", DefaultValueFactory = _ => 0.3 };
        testFraction.Validators.Add(r => { if (r.GetValueOrDefault<double>() is <= 0 or >= 1) r.AddError("--test-fraction must lie strictly between 0 and 1."); });
        var seed = new Option<int>("--seed") { Description = "Seed for the split, augmentation and trainer; the same seed gives the same split.", DefaultValueFactory = _ => 1 };
        var trainer = new Option<CharacterTrainer>("--trainer") { Description = "Multiclass trainer.", DefaultValueFactory = _ => CharacterTrainer.Lbfgs };
        var minimum = new Option<int?>("--min-per-class") { Description = "Top rare classes up with altered copies to this many training images (0: off; default 300 for province, 150 for city and alnum)." };
        var copies = new Option<int>("--copies") { Description = "Altered copies added for every training image.", DefaultValueFactory = _ => new TrainingOptions().CopiesPerImage };
        var l2 = new Option<float>("--l2") { Description = "L2 regularisation of the linear trainers.", DefaultValueFactory = _ => new TrainingOptions().L2Regularization };
        var features = new Option<CharacterFeatureSet?>("--features") { Description = "Feature set: Centred (contract v2: centred character, square-rooted HOG, LBP), Full (contract v1), PixelsHog, Pixels (default: Centred for province and city, Full for alnum)." };
        var network = new Option<NetworkUse>("--network") { Description = "Train a small convolutional network on the training images first and learn from its embedding: None, Alone, or WithFeatures (followed by the --features set). The network is stored in the .zip as ONNX.", DefaultValueFactory = _ => NetworkUse.None };
        var networkEpochs = new Option<int>("--network-epochs") { Description = "Epochs of network training.", DefaultValueFactory = _ => new ConvNetTrainingOptions().Epochs };
        networkEpochs.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--network-epochs must be at least 1."); });
        var lowResolution = new Option<double>("--low-resolution") { Description = "Share (0–1) of the altered copies re-imaged as a small, soft camera view: shrunk to 7–14 px, blurred, enlarged and binarised as the segmenter binarises a Chinese character, so close strokes merge as they do on distant plates.", DefaultValueFactory = _ => 0 };
        var offsetCut = new Option<double>("--offset-cut") { Description = "Share (0–1) of the altered copies cut a little off their ink: up to a fifth of the width (or height) lost on one side and the rest fitted to the square again, as a cut box that misses the character's edge gives it.", DefaultValueFactory = _ => 0 };
        foreach (var share in new[] { lowResolution, offsetCut })
            share.Validators.Add(r => { if (r.GetValueOrDefault<double>() is < 0 or > 1) r.AddError($"{share.Name} must lie between 0 and 1."); });
        var noWeights = new Option<bool>("--no-class-weights") { Description = "Do not weight examples by inverse class frequency." };

        var command = new Command("train", "Train the character classifiers from per-class image folders (folder name = label) and write <model>.zip (which records what trained it: labels, seed, split, options, a fingerprint of the data, date and version) plus an evaluation report on the held-out split.")
        {
            data, output, force, model, testFraction, seed, trainer, features, network, networkEpochs, minimum, copies, lowResolution, offsetCut, l2, noWeights,
        };
        command.SetAction(parse =>
        {
            var options = new TrainingOptions
            {
                TestFraction = parse.GetValue(testFraction),
                Seed = parse.GetValue(seed),
                Trainer = parse.GetValue(trainer),
                MinimumPerClass = parse.GetValue(minimum),
                CopiesPerImage = parse.GetValue(copies),
                LowResolutionShare = parse.GetValue(lowResolution),
                OffsetCutShare = parse.GetValue(offsetCut),
                WeightClasses = !parse.GetValue(noWeights),
                L2Regularization = parse.GetValue(l2),
                Features = parse.GetValue(features),
                Network = parse.GetValue(network),
                NetworkTraining = new ConvNetTrainingOptions { Epochs = parse.GetValue(networkEpochs) },
            };
            var messages = console ?? AnsiConsole.Console;
            DataRoot[] roots;
            try
            {
                roots = parse.GetRequiredValue(data).Select(DataRoot.Parse).Select(r => r with { Path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(r.Path)) }).ToArray();
            }
            catch (ArgumentException e)
            {
                messages.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return 2;
            }
            // The special plates' model is trained by default only from roots that have its folder: most roots have none.
            var names = parse.GetValue(model) is { Length: > 0 } chosen ? chosen
                : LabelSets.All.Where(s => s != LabelSets.Special || roots.Any(r => Directory.Exists(Path.Combine(r.Path, s.Name)))).Select(s => s.Name).ToArray();
            return Run(messages, roots, parse.GetRequiredValue(output).FullName, names.Select(LabelSets.FromName).ToArray(), options, parse.GetValue(force));
        });
        return command;
    }

    private static int Run(IAnsiConsole console, IReadOnlyList<DataRoot> roots, string outFolder, IReadOnlyList<LabelSet> models, TrainingOptions options, bool force)
    {
        var missingRoots = roots.Where(r => !Directory.Exists(r.Path)).Select(r => r.Path).ToArray();
        if (missingRoots.Length > 0)
        {
            console.MarkupLineInterpolated($"[red]error:[/] data folder not found: {string.Join(", ", missingRoots)}");
            return 2;
        }
        var repeated = roots.GroupBy(r => r.Path, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (repeated.Length > 0)
        {
            console.MarkupLineInterpolated($"[red]error:[/] --data names {string.Join(", ", repeated)} more than once (its images would count twice).");
            return 2;
        }
        var existing = TrainingOutput.Existing(outFolder, models);
        if (existing.Count > 0 && !force)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {outFolder} already holds {string.Join(", ", existing)}; add --force to replace them, or choose another --out.");
            return 2;
        }
        if (TrainingOutput.WriteProblem(outFolder, models) is { } problem)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {problem} Nothing was trained.");
            return 2;
        }

        var outcomes = new List<TrainingOutcome>();
        int failures = 0;
        foreach (var labels in models)
        {
            var notes = new List<string>();
            var sources = DataSources.InRoots(roots, labels, notes);
            foreach (string note in notes) console.MarkupLineInterpolated($"note: {note}");
            try
            {
                var outcome = SpectreProgress.Run(console, labels.Name, progress => TrainingRun.Run(labels, sources, outFolder, options, progress));
                foreach (string warning in outcome.Warnings) console.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
                if (outcome.Report.Skipped.Count > 0)
                    console.MarkupLineInterpolated($"[yellow]warning:[/] {outcome.Report.Skipped.Count} file(s) skipped; listed in {Path.Combine(outcome.ReportFolder, "metrics.md")}");
                outcomes.Add(outcome);
            }
            catch (Exception e) when (e is DirectoryNotFoundException or InvalidOperationException or InvalidDataException or IOException or UnauthorizedAccessException)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {labels.Name}: {e.Message}");
                failures++;
            }
        }

        var table = new Table().AddColumns("model", "classes", "test images", "micro accuracy", "macro accuracy", "log-loss", "training (s)", "model (KB)");
        foreach (var o in outcomes)
        {
            table.AddRow(o.Report.Model, o.Report.Labels.Count.ToString(CultureInfo.InvariantCulture), o.Report.Samples.ToString(CultureInfo.InvariantCulture),
                o.Report.MicroAccuracy.ToString("P2", CultureInfo.InvariantCulture), o.Report.MacroAccuracy.ToString("P2", CultureInfo.InvariantCulture),
                o.Report.LogLoss.ToString("F3", CultureInfo.InvariantCulture), o.TrainingTime.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
                (o.ModelBytes / 1024).ToString(CultureInfo.InvariantCulture));
        }
        console.Write(table);
        foreach (var o in outcomes.Where(o => o.Report.Sources.Count > 1))
        {
            string perSource = string.Join(", ", o.Report.Sources.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} {s.MicroAccuracy:P2} of {s.Evaluated}")));
            console.MarkupLineInterpolated($"{o.Report.Model} micro accuracy per source: {perSource}");
        }
        foreach (var o in outcomes)
            console.MarkupLineInterpolated($"{o.Report.Model}: model {o.ModelPath}, report {o.ReportFolder}");
        return failures == 0 ? 0 : 1;
    }
}
