using System.Globalization;
using Microsoft.ML;
using Plates.Model.IO;
using Plates.Model.Labels;
using Plates.Model.Pipelines;
using Plates.Train.Data;
using Plates.Train.Reports;

namespace Plates.Train.Training;

/// <summary>Which images of a folder an evaluation scores.</summary>
public enum EvaluationSplit
{
    /// <summary>The part training held out: same folder, seed and fraction give the same images.</summary>
    Test,

    /// <summary>Every readable image.</summary>
    All,
}

/// <summary>How an evaluation picks its images.</summary>
public sealed record EvaluationOptions
{
    /// <summary>The seed and test fraction a model without metadata is taken to have been trained with (train's defaults).</summary>
    public const int DefaultSeed = 1;

    /// <inheritdoc cref="DefaultSeed"/>
    public const double DefaultTestFraction = 0.3;

    public EvaluationSplit Split { get; init; } = EvaluationSplit.Test;

    /// <summary>Seed of the test split; null takes the model's own (its metadata), or <see cref="DefaultSeed"/> for a model without.</summary>
    public int? Seed { get; init; }

    /// <summary>Test fraction of the split; null takes the model's own, or <see cref="DefaultTestFraction"/>.</summary>
    public double? TestFraction { get; init; }

    /// <summary>Evaluate the test split even when the seed, fraction or data differ from the model's training (warned).</summary>
    public bool Force { get; init; }
}

/// <summary>
/// The evaluation would give figures that mislead: the test split asked for is not the one the model was tested on,
/// so it would hold images the model was trained on. The message says what differs and how to go on.
/// </summary>
public sealed class EvaluationRefusedException(string message) : InvalidOperationException(message);

/// <summary>Re-evaluates a saved model on a folder of class folders and writes the same report training writes.</summary>
public static class EvaluationRun
{
    /// <summary>
    /// Evaluates <paramref name="modelPath"/> on <paramref name="dataFolder"/>. The test split takes its seed and
    /// fraction from the model's <see cref="TrainingMetadata"/>; it is refused (unless <see cref="EvaluationOptions.Force"/>)
    /// when given ones disagree with them or the data's fingerprint differs from training's. Images of classes the model
    /// does not know are counted (<see cref="EvaluationReport.OutsideModel"/>), never dropped.
    /// </summary>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="InvalidDataException">The model file cannot be loaded, or is named for a label set it does not hold (a city model saved as province.zip).</exception>
    /// <exception cref="DirectoryNotFoundException">The data folder does not exist.</exception>
    /// <exception cref="EvaluationRefusedException">The test split would not be the one training held out.</exception>
    /// <exception cref="InvalidOperationException">No readable image of the model's classes is left to evaluate on.</exception>
    public static (EvaluationReport Report, IReadOnlyList<string> Warnings) Run(
        string modelPath, string dataFolder, EvaluationOptions options, string reportFolder, StepProgress? progress = null) =>
        Run(modelPath, [dataFolder], options, reportFolder, progress);

    /// <summary>
    /// Evaluates <paramref name="modelPath"/> on several sources together (<see cref="DataSources.ForEvaluation"/>: each
    /// a training root or a model's folder), reporting each beside the headline. The test split is checked source by
    /// source: every source must be one the model was trained on (its fingerprint among the metadata's sources), and
    /// any subset of them may be given, since each source's test images do not depend on the others.
    /// </summary>
    /// <inheritdoc cref="Run(string, string, EvaluationOptions, string, StepProgress?)"/>
    public static (EvaluationReport Report, IReadOnlyList<string> Warnings) Run(
        string modelPath, IReadOnlyList<string> data, EvaluationOptions options, string reportFolder, StepProgress? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0) throw new ArgumentException("At least one data folder is needed.", nameof(data));
        // Scoring draws no random numbers; the seed only keeps the context like training's.
        var mlContext = new MLContext(seed: EvaluationOptions.DefaultSeed);
        ITransformer model = CharacterModel.Load(mlContext, modelPath, out _);
        var modelClasses = CharacterModel.ScoreLabels(model.GetOutputSchema(CharacterModelTrainer.InputSchema(mlContext)));
        var metadata = TrainingMetadata.Read(modelPath);
        var labels = LabelSetOf(modelPath, modelClasses, metadata);
        var warnings = new List<string>();
        var (seed, testFraction) = SplitSettings(modelPath, metadata, options, warnings);
        var stale = AtomicFile.RemoveStaleTemporaries(reportFolder);
        if (stale.Count > 0)
            warnings.Add($"{reportFolder}: removed {stale.Count} temporary file(s) left by an interrupted run.");

        var sources = DataSources.ForEvaluation(data, labels);
        var dataset = CharacterFolderReader.Read(sources, labels, (done, total) => progress?.Invoke("Reading images", done / (double)total),
            new CharacterReadingOptions { ReadFoldersOutsideLabelSet = true });
        warnings.AddRange(dataset.Warnings);
        var ofLabelSet = dataset.Readable.Where(i => labels.Contains(i.Label)).ToArray();
        // Training fingerprints with the named label set it trained (LabelSets.Alnum), not with the classes it found
        // (which add 汉, or a new province folder): the same set here, or a model with a class beyond its set's list
        // would never match its own data.
        var trainedSet = metadata is null ? null : LabelSets.All.FirstOrDefault(s => string.Equals(s.Name, metadata.LabelSet, StringComparison.OrdinalIgnoreCase));
        var fingerprints = DataFingerprint.PerSource(ofLabelSet, trainedSet ?? labels, sources);
        string fingerprint = DataFingerprint.Combine(fingerprints);
        if (options.Split == EvaluationSplit.Test && metadata is not null && UntrainedSources(modelPath, metadata, sources, ofLabelSet, fingerprints) is { } why)
        {
            if (!options.Force) throw new EvaluationRefusedException($"{why}. Evaluate with --split all, or add --force to score the split anyway.");
            warnings.Add($"{why}. Evaluated anyway (--force): the figures may be too good.");
        }

        IReadOnlyList<LabelledImage>? train = null;
        IReadOnlyList<LabelledImage> images = dataset.Images;
        if (options.Split == EvaluationSplit.Test) (train, images) = StratifiedSplit.Split(dataset.Images, testFraction, seed);
        var known = new HashSet<string>(modelClasses, StringComparer.Ordinal);
        var scored = images.Where(i => known.Contains(i.Label)).ToArray();
        if (scored.Length == 0)
            throw new InvalidOperationException($"{sources.Folders}: no readable images of the model's classes ({ClassList(modelClasses)}) to evaluate on. {string.Join(" ", dataset.Warnings)}");
        var outside = labels.Labels.Where(l => !known.Contains(l))
            .Concat(images.Select(i => i.Label).Where(l => !labels.Contains(l)).Distinct())
            .Order(StringComparer.Ordinal)
            .Select(l => new ClassOutsideModel(l, images.Count(i => i.Label == l), labels.Contains(l)))
            .ToArray();

        progress?.Invoke("Evaluating", double.NaN);
        var (metrics, scoreLabels, misclassified, predicted) = CharacterModelEvaluator.Evaluate(mlContext, model, scored, sources);
        var details = new Dictionary<string, object>
        {
            ["model"] = Path.GetFullPath(modelPath),
            ["data"] = string.Join("; ", sources.All.Select(s => Path.GetFullPath(s.Folder))),
        };
        if (options.Split == EvaluationSplit.Test)
        {
            details["seed"] = seed;
            details["testFraction"] = testFraction;
        }
        var report = EvaluationReport.FromMetrics(Path.GetFileNameWithoutExtension(modelPath), options.Split.ToString().ToLowerInvariant(), metrics, scoreLabels, dataset.Skipped, details, misclassified) with
        {
            // Which images trained the model is known only for the held-out split (same folder, seed and fraction).
            Duplicates = DuplicateImages.Analyse(dataset.Images, train, scored, misclassified, sources),
            Sources = SourceMetrics.Compute(sources, dataset.Images.Where(i => labels.Contains(i.Label)).ToArray(), scored, predicted),
            OutsideModel = outside,
            Training = metadata,
            Stamp = new ReportStamp(ToolVersion.UtcNowToTheSecond(), ToolVersion.Current, fingerprint, ofLabelSet.Length),
        };
        ReportWriter.Write(report, reportFolder);
        return (report, warnings);
    }

    /// <summary>
    /// Why the sources are not all data the model was trained on, or null when they are: each source's fingerprint must
    /// be one the metadata records (a model saved before sources were recorded has one, over its one folder).
    /// </summary>
    private static string? UntrainedSources(string modelPath, TrainingMetadata metadata, DataSources sources, IReadOnlyList<LabelledImage> images, IReadOnlyList<string> fingerprints)
    {
        var recorded = metadata.Sources ?? [new TrainingSource("", "", nameof(DataSourceKind.Images), 1, metadata.DataFingerprint, metadata.DataImages)];
        var known = recorded.Select(r => r.DataFingerprint).ToHashSet(StringComparer.Ordinal);
        var unknown = Enumerable.Range(0, sources.Count).Where(i => !known.Contains(fingerprints[i])).ToArray();
        if (unknown.Length == 0) return null;
        string Count(int i) => images.Count(image => image.Source == i).ToString(CultureInfo.InvariantCulture);
        if (recorded.Count == 1 && sources.Count == 1)
            return string.Create(CultureInfo.InvariantCulture, $"{sources[0].Folder}: the images are not the ones {modelPath} was trained on ({Count(0)} now, {recorded[0].DataImages} then; data fingerprint {Short(fingerprints[0])}, training's {Short(recorded[0].DataFingerprint)}), so the test split may hold images the model was trained on");
        string trained = string.Join(", ", recorded.Select(r => string.Create(CultureInfo.InvariantCulture, $"{(r.Name.Length == 0 ? "one folder" : r.Name)} ({r.DataImages} images, {Short(r.DataFingerprint)})")));
        string given = string.Join("; ", unknown.Select(i => $"{sources[i].Folder} ({Count(i)} images, {Short(fingerprints[i])})"));
        return $"the images of {given} are not the ones {modelPath} was trained on (its sources: {trained}), so the test split may hold images the model was trained on";
    }

    /// <summary>
    /// One line for beside the headline figure when the evaluated folder held images of classes the model does not
    /// know; null when it held none.
    /// </summary>
    public static string? OutsideModelSummary(EvaluationReport report)
    {
        var counted = report.OutsideModel.Where(c => c.Images > 0).ToArray();
        if (counted.Length == 0) return null;
        string classes = string.Join(", ", counted.Take(10).Select(c => $"{c.Label} ({c.Images.ToString(CultureInfo.InvariantCulture)})")) + (counted.Length > 10 ? ", …" : "");
        return string.Create(CultureInfo.InvariantCulture,
            $"{report.AllImages - report.Samples} images of {counted.Length} classes the model does not know: {classes} — counted as errors in 'accuracy over all images': {report.AccuracyOverAllImages:P2} of {report.AllImages}.");
    }

    /// <summary>
    /// The label set the model answers for: its metadata's; for a model without, the set it is named for (province.zip),
    /// else the smallest set holding every class it has, else its own classes.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is named for a label set whose model it is not.</exception>
    internal static LabelSet LabelSetOf(string modelPath, IReadOnlyList<string> modelClasses, TrainingMetadata? metadata)
    {
        string name = Path.GetFileNameWithoutExtension(modelPath);
        var named = LabelSets.All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        if (named is not null)
        {
            bool foreignClasses = modelClasses.Any(c => !named.Contains(c));
            bool otherSet = metadata is not null && !string.Equals(metadata.LabelSet, named.Name, StringComparison.OrdinalIgnoreCase);
            if (foreignClasses || otherSet)
            {
                string trainedAs = metadata is null ? "" : $" (trained as a {metadata.LabelSet} model)";
                throw new InvalidDataException($"{modelPath} holds classes {ClassList(modelClasses)}{trainedAs}: not a {named.Name} model.");
            }
        }
        if (metadata is not null) return LabelSet.Exactly(metadata.LabelSet, metadata.Classes.ToArray());
        if (named is not null) return named;
        return LabelSets.All.OrderBy(s => s.Labels.Count).FirstOrDefault(s => modelClasses.All(s.Contains))
            ?? LabelSet.Exactly(name, modelClasses.ToArray());
    }

    /// <summary>The seed and fraction of the test split; refuses ones that disagree with the model's metadata.</summary>
    private static (int Seed, double TestFraction) SplitSettings(string modelPath, TrainingMetadata? metadata, EvaluationOptions options, List<string> warnings)
    {
        if (metadata is null)
        {
            int seed = options.Seed ?? EvaluationOptions.DefaultSeed;
            double fraction = options.TestFraction ?? EvaluationOptions.DefaultTestFraction;
            if (options.Split == EvaluationSplit.Test)
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{modelPath} carries no training metadata (saved before models recorded it): the test split cannot be verified. Seed {seed} and test fraction {fraction} are taken; if the model was trained with others, or on other data, the split holds images it was trained on."));
            return (seed, fraction);
        }
        if (options.Split == EvaluationSplit.All) return (metadata.Seed, metadata.TestFraction);

        var differences = new List<string>();
        if (options.Seed is { } givenSeed && givenSeed != metadata.Seed)
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"--seed {givenSeed} is not the seed the model was trained with ({metadata.Seed})"));
        if (options.TestFraction is { } givenFraction && Math.Abs(givenFraction - metadata.TestFraction) > 1e-12)
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"--test-fraction {givenFraction} is not the fraction the model held out ({metadata.TestFraction})"));
        if (differences.Count == 0) return (metadata.Seed, metadata.TestFraction);

        string why = $"{modelPath}: {string.Join("; ", differences)}, so that test split would hold images the model was trained on";
        if (!options.Force)
            throw new EvaluationRefusedException($"{why}. Leave the option out to use the model's own, evaluate with --split all, or add --force.");
        warnings.Add($"{why}. Evaluated anyway (--force): the figures may be too good.");
        return (options.Seed ?? metadata.Seed, options.TestFraction ?? metadata.TestFraction);
    }

    private static string ClassList(IReadOnlyList<string> classes) =>
        classes.Count <= 12 ? string.Join(" ", classes) : $"{string.Join(" ", classes.Take(12))} … ({classes.Count} in all)";

    private static string Short(string fingerprint) => fingerprint.Length > 19 ? fingerprint[..19] + "…" : fingerprint;
}
