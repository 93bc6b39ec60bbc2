using System.Globalization;
using Microsoft.ML;
using Plates.Model.Features;
using Plates.Model.IO;
using Plates.Model.Labels;
using Plates.Model.Pipelines;
using Plates.Network;
using Plates.Train.Data;
using Plates.Train.Reports;
using Plates.Train.Training.Convolutional;

namespace Plates.Train.Training;

/// <summary>Where a trained model and its report went, and what they hold.</summary>
public sealed record TrainingOutcome(string ModelPath, string ReportFolder, EvaluationReport Report, TimeSpan TrainingTime, long ModelBytes, IReadOnlyList<string> Warnings);

/// <summary>Reports how far a long step has got: the step's name and the fraction done (NaN when unknown).</summary>
public delegate void StepProgress(string step, double fraction);

/// <summary>One model end to end: read the class folders, split, train, evaluate on the held-out part, save model and report.</summary>
public static class TrainingRun
{
    public static string ModelPath(string outFolder, LabelSet labels) => Path.Combine(outFolder, labels.Name + ".zip");

    public static string ReportFolder(string outFolder, LabelSet labels) => Path.Combine(outFolder, "reports", labels.Name);

    /// <summary>
    /// Trains one model and writes <see cref="ModelPath"/> (with its <see cref="TrainingMetadata"/>) and
    /// <see cref="ReportFolder"/>, replacing what is there: refusing to overwrite is the command's decision. Temporary
    /// files a killed run left in those two folders are removed first (<see cref="AtomicFile.RemoveStaleTemporaries"/>).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The data folder does not exist.</exception>
    /// <exception cref="InvalidOperationException">Too little usable data is left for a sound model; nothing is written.</exception>
    public static TrainingOutcome Run(LabelSet labels, string dataFolder, string outFolder, TrainingOptions options, StepProgress? progress = null) =>
        Run(labels, DataSources.Single(dataFolder), outFolder, options, progress);

    /// <summary>
    /// Trains one model on the class folders of several sources merged (a class is every image filed under its label
    /// in any of them), split per source and class (<see cref="StratifiedSplit"/>), and reports each source's figures
    /// beside the headline; the metadata records every source with its own fingerprint.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">A source's folder does not exist.</exception>
    /// <exception cref="InvalidOperationException">Too little usable data is left for a sound model; nothing is written.</exception>
    public static TrainingOutcome Run(LabelSet labels, DataSources sources, string outFolder, TrainingOptions options, StepProgress? progress = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        options = options.For(labels);
        string modelPath = ModelPath(outFolder, labels);
        string reportFolder = ReportFolder(outFolder, labels);
        var warnings = new List<string>();
        foreach (string folder in new[] { outFolder, reportFolder })
        {
            var stale = AtomicFile.RemoveStaleTemporaries(folder);
            if (stale.Count > 0)
                warnings.Add($"{folder}: removed {stale.Count} temporary file(s) left by an interrupted run: {string.Join(" ", stale.Select(Path.GetFileName))}");
        }

        var dataset = CharacterFolderReader.Read(sources, labels, (done, total) => progress?.Invoke("Reading images", done / (double)total));
        warnings.AddRange(dataset.Warnings);
        var classes = dataset.Classes;
        if (classes.Count < 2)
            throw new InvalidOperationException($"{sources.Folders}: {classes.Count} usable class folder(s) found; at least 2 classes with 2 or more readable images each are needed. {string.Join(" ", dataset.Warnings)}");
        var missing = labels.Labels.Where(l => !classes.Contains(l)).ToArray();
        if (missing.Length > 0)
            warnings.Add($"{sources.Folders}: no images for {string.Join(" ", missing)}; the model cannot predict them.");

        var (train, test) = StratifiedSplit.Split(dataset.Images, options.TestFraction, options.Seed);
        var mlContext = new MLContext(seed: options.Seed);

        var trained = CharacterModelTrainer.Train(mlContext, train, options, progress);

        progress?.Invoke("Evaluating", double.NaN);
        var (metrics, scoreLabels, misclassified, predicted) = CharacterModelEvaluator.Evaluate(mlContext, trained.Model, test, sources);

        var duplicates = DuplicateImages.Analyse(dataset.Images, train, test, misclassified, sources);
        if (duplicates.Conflicting.Count > 0)
            warnings.Add($"{sources.Folders}: {duplicates.Conflicting.Count} set(s) of identical images sit under different labels (listed in the report).");

        progress?.Invoke("Saving", double.NaN);
        var fingerprints = DataFingerprint.PerSource(dataset.Readable, labels, sources);
        var metadata = new TrainingMetadata
        {
            LabelSet = labels.Name,
            // The known classes and any new one a folder added (a province model given 学 or 临 folders answers them too).
            Classes = [.. labels.Labels.Union(classes).Order(StringComparer.Ordinal)],
            Seed = options.Seed,
            TestFraction = options.TestFraction,
            Features = options.Features!.Value.ToString(),
            Trainer = options.Trainer.ToString(),
            L2Regularization = options.L2Regularization,
            MinimumPerClass = options.MinimumPerClass!.Value,
            CopiesPerImage = options.CopiesPerImage,
            LowResolutionShare = options.LowResolutionShare,
            OffsetCutShare = options.OffsetCutShare,
            ClassWeights = options.WeightClasses,
            Network = options.Network.ToString(),
            NetworkEpochs = trained.Network is null ? null : options.NetworkTraining.Epochs,
            DataFingerprint = DataFingerprint.Combine(fingerprints),
            DataImages = dataset.Readable.Count,
            Sources = [.. sources.All.Select((s, i) => new TrainingSource(s.Name, Path.GetFullPath(s.Folder), s.Kind.ToString(), s.Weight, fingerprints[i], dataset.Readable.Count(image => image.Source == i)))],
            TrainedAtUtc = ToolVersion.UtcNowToTheSecond(),
            ToolVersion = ToolVersion.Current,
        };
        var details = new Dictionary<string, object>
        {
            ["data"] = string.Join("; ", sources.All.Select(s => Path.GetFullPath(s.Folder))),
            ["trainer"] = options.Trainer.ToString(),
            ["l2Regularization"] = options.L2Regularization,
            ["features"] = options.Features!.Value switch
            {
                CharacterFeatureSet.Pixels => "20x20 grey pixels",
                CharacterFeatureSet.PixelsHog => "20x20 grey pixels + HOG (5 px cells) + row/column projections",
                CharacterFeatureSet.Centred => "centred on the intensity centroid; 20x20 grey pixels + square-rooted HOG (5 px cells) + row/column projections + 8-direction gradients + LBP (3x3 windows)",
                _ => "20x20 grey pixels + HOG (5 px cells) + row/column projections + 8-direction gradients",
            } + $" ({options.Features.Value})",
            ["network"] = trained.Network is null ? "none" : $"{options.Network}: {NetworkDescription(trained.Network, options.NetworkTraining)}",
            ["seed"] = options.Seed,
            ["testFraction"] = options.TestFraction,
            ["trainImages"] = train.Count,
            ["trainImagesAfterAugmentation"] = trained.TrainingImages,
            ["minimumPerClass"] = options.MinimumPerClass!.Value,
            ["copiesPerImage"] = options.CopiesPerImage,
            ["lowResolutionShare"] = options.LowResolutionShare,
            ["offsetCutShare"] = options.OffsetCutShare,
            ["classWeights"] = options.WeightClasses ? "inverse class frequency" : "none",
            ["trainingSeconds"] = Math.Round(trained.TrainingTime.TotalSeconds, 1),
        };
        EvaluationReport report = null!;
        long modelBytes = 0;
        // The report is written once the new model is complete and before it replaces the old one: if the report cannot
        // be written, the previous model stays, and a new model never sits beside the last run's report.
        CharacterModel.Save(mlContext, trained.Model, trained.InputSchema, modelPath, metadata, beforeReplacing: bytes =>
        {
            modelBytes = bytes;
            details["modelBytes"] = bytes;
            report = EvaluationReport.FromMetrics(labels.Name, "test", metrics, scoreLabels, dataset.Skipped, details, misclassified) with
            {
                Duplicates = duplicates,
                Sources = SourceMetrics.Compute(sources, dataset.Images, test, predicted),
                OutsideModel = [.. missing.Select(label => new ClassOutsideModel(label, Images: 0, InLabelSet: true))],
                Training = metadata,
                Stamp = new ReportStamp(metadata.TrainedAtUtc, metadata.ToolVersion, metadata.DataFingerprint, metadata.DataImages),
            };
            ReportWriter.Write(report, reportFolder);
        });
        return new TrainingOutcome(modelPath, reportFolder, report, trained.TrainingTime, modelBytes, warnings);
    }

    private static string NetworkDescription(ConvNet network, ConvNetTrainingOptions training)
    {
        var layers = network.Layers.Select(layer => layer switch
        {
            ConvolutionLayer c => $"conv {c.Kernel}x{c.Kernel}x{c.OutChannels} ReLU",
            MaxPoolLayer => "max-pool 2x2",
            DenseLayer d => d.Relu ? $"dense {d.Outputs} ReLU" : $"dense {d.Outputs}",
            _ => layer.GetType().Name,
        });
        return FormattableString.Invariant($"{string.Join(", ", layers)}; embedding {network.EmbeddingSize} values; {training.Epochs} epochs, batch {training.BatchSize}, AdamW {training.LearningRate} (cosine), weight decay {training.WeightDecay}, jitter {(training.Jitter ? "on" : "off")}");
    }
}
