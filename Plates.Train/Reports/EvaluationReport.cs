using Microsoft.ML.Data;
using Plates.Model.Pipelines;

namespace Plates.Train.Reports;

/// <summary>How well one class was recognised: precision and recall from the confusion matrix, support = true samples.</summary>
public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>
/// A class the model has no output for, and how many evaluated images it had: a class of the label set the training data
/// had no (or too few) images of (<see cref="InLabelSet"/>), or, in an evaluation, a class folder outside the label set.
/// </summary>
public sealed record ClassOutsideModel(string Label, int Images, bool InLabelSet);

/// <summary>When a report was made, by which version, and the fingerprint (<see cref="Data.DataFingerprint"/>) of the label set's images it was drawn from.</summary>
public sealed record ReportStamp(DateTime DateUtc, string ToolVersion, string DataFingerprint, int DataImages);

/// <summary>An input file that was left out of training or evaluation, and why.</summary>
public sealed record SkippedFile(string Path, string Reason);

/// <summary>One evaluated image the model read wrong: its file (relative to the data folder), true and predicted label, and the predicted label's probability.</summary>
public sealed record Misclassification(string Path, string Truth, string Predicted, float Confidence);

/// <summary>One off-diagonal cell of the confusion matrix: <see cref="Count"/> samples of <see cref="Truth"/> read as <see cref="Predicted"/>.</summary>
public sealed record ConfusedPair(string Truth, string Predicted, int Count);

/// <summary>
/// Everything known about one evaluation of one character model on one split. <see cref="Confusion"/> rows are the
/// true class and columns the predicted class, both indexed like <see cref="Labels"/>. <see cref="Details"/> holds
/// free-form facts about the run (trainer, seed, test fraction, training seconds, model size, augmentation…): strings
/// and numbers, written as such. The metrics cover the images of the model's classes; <see cref="OutsideModel"/> counts
/// the evaluated images of classes it does not know, which <see cref="AccuracyOverAllImages"/> counts as errors.
/// </summary>
public sealed record EvaluationReport(
    string Model,
    string Split,
    int Samples,
    double MicroAccuracy,
    double MacroAccuracy,
    double LogLoss,
    double LogLossReduction,
    IReadOnlyList<string> Labels,
    int[][] Confusion,
    IReadOnlyList<ClassMetrics> Classes,
    IReadOnlyList<SkippedFile> Skipped,
    IReadOnlyDictionary<string, object> Details)
{
    /// <summary>Classes the model has no output for (label-set classes without training data, foreign folders), in label order.</summary>
    public IReadOnlyList<ClassOutsideModel> OutsideModel { get; init; } = [];

    /// <summary>Every evaluated image: <see cref="Samples"/> plus the images of <see cref="OutsideModel"/>.</summary>
    public int AllImages => Samples + OutsideModel.Sum(c => c.Images);

    /// <summary>Images read right over <see cref="AllImages"/>: the images of classes the model does not know are errors (NaN without images).</summary>
    public double AccuracyOverAllImages =>
        AllImages == 0 ? double.NaN : Enumerable.Range(0, Confusion.Length).Sum(i => Confusion[i][i]) / (double)AllImages;

    /// <summary>
    /// The figures of each source the evaluated images came from (<c>--data</c> given more than once), in the order
    /// given; one entry when there was one source, empty when not computed.
    /// </summary>
    public IReadOnlyList<SourceMetrics> Sources { get; init; } = [];

    /// <summary>What trained the model (from its .zip), or null for a model saved without metadata.</summary>
    public TrainingMetadata? Training { get; init; }

    /// <summary>When and on which data this report was made; null when not recorded.</summary>
    public ReportStamp? Stamp { get; init; }

    /// <summary>Every evaluated image read wrong, in evaluation order (empty when the evaluation did not record them).</summary>
    public IReadOnlyList<Misclassification> Misclassified { get; init; } = [];

    /// <summary>Identical files in the data folder and what they mean for this evaluation; null when not analysed.</summary>
    public DuplicateSummary? Duplicates { get; init; }

    /// <summary>
    /// Builds a report from ML.NET's multiclass metrics. Per-class precision, recall, F1 and support are computed from
    /// <see cref="ConfusionMatrix.Counts"/> (rows = truth): a class never predicted has precision 0, a class never
    /// seen has recall 0, and F1 is 0 when precision and recall are both 0.
    /// </summary>
    /// <param name="labels">Class names in the order of the model's key column (slot i of the confusion matrix is labels[i]).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="labels"/> does not have one name per class of the confusion matrix.</exception>
    public static EvaluationReport FromMetrics(
        string model,
        string split,
        MulticlassClassificationMetrics metrics,
        IReadOnlyList<string> labels,
        IReadOnlyList<SkippedFile> skipped,
        IReadOnlyDictionary<string, object> details,
        IReadOnlyList<Misclassification>? misclassified = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(skipped);
        ArgumentNullException.ThrowIfNull(details);

        var matrix = metrics.ConfusionMatrix;
        int classes = matrix.NumberOfClasses;
        if (labels.Count != classes)
        {
            throw new ArgumentException(
                $"The confusion matrix has {classes} classes but {labels.Count} labels were given.", nameof(labels));
        }

        // Counts are doubles because the evaluator can weight rows; unweighted evaluation gives whole numbers.
        var confusion = new int[classes][];
        for (int truth = 0; truth < classes; truth++)
        {
            confusion[truth] = new int[classes];
            for (int predicted = 0; predicted < classes; predicted++)
            {
                confusion[truth][predicted] = (int)Math.Round(matrix.Counts[truth][predicted]);
            }
        }

        return new EvaluationReport(
            model,
            split,
            Samples: confusion.Sum(row => row.Sum()),
            metrics.MicroAccuracy,
            metrics.MacroAccuracy,
            metrics.LogLoss,
            metrics.LogLossReduction,
            labels.ToArray(),
            confusion,
            ComputeClassMetrics(labels, confusion),
            skipped.ToArray(),
            new Dictionary<string, object>(details))
        {
            Misclassified = misclassified?.ToArray() ?? [],
        };
    }

    /// <summary>Per-class precision, recall, F1 and support from a square confusion matrix (rows = truth).</summary>
    public static IReadOnlyList<ClassMetrics> ComputeClassMetrics(IReadOnlyList<string> labels, int[][] confusion)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(confusion);

        int classes = labels.Count;
        if (confusion.Length != classes || confusion.Any(row => row is null || row.Length != classes))
        {
            throw new ArgumentException($"The confusion matrix must be {classes} × {classes}, like the labels.", nameof(confusion));
        }

        var result = new ClassMetrics[classes];
        for (int c = 0; c < classes; c++)
        {
            int truePositives = confusion[c][c];
            int support = confusion[c].Sum();
            int predicted = 0;
            for (int truth = 0; truth < classes; truth++)
            {
                predicted += confusion[truth][c];
            }

            double precision = predicted == 0 ? 0 : (double)truePositives / predicted;
            double recall = support == 0 ? 0 : (double)truePositives / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            result[c] = new ClassMetrics(labels[c], precision, recall, f1, support);
        }

        return result;
    }

    /// <summary>The off-diagonal cells with at least one sample, largest count first (ties in label order).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is negative.</exception>
    public IReadOnlyList<ConfusedPair> MostConfused(int top)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(top);

        var pairs = new List<(int Truth, int Predicted, int Count)>();
        for (int truth = 0; truth < Confusion.Length; truth++)
        {
            for (int predicted = 0; predicted < Confusion[truth].Length; predicted++)
            {
                if (truth != predicted && Confusion[truth][predicted] > 0)
                {
                    pairs.Add((truth, predicted, Confusion[truth][predicted]));
                }
            }
        }

        return pairs
            .OrderByDescending(p => p.Count)
            .ThenBy(p => p.Truth)
            .ThenBy(p => p.Predicted)
            .Take(top)
            .Select(p => new ConfusedPair(Labels[p.Truth], Labels[p.Predicted], p.Count))
            .ToArray();
    }
}

/// <summary>
/// Byte-identical files in the data folder (<see cref="Data.DuplicateImages"/>): <see cref="IdenticalGroups"/> sets of
/// two or more identical files holding <see cref="IdenticalFiles"/> files; <see cref="Conflicting"/> lists the sets
/// whose copies sit under different labels (paths relative to the data folder); <see cref="EvaluatedSeenInTraining"/>
/// counts evaluated images identical to a training image and <see cref="UnseenMicroAccuracy"/> is the accuracy on the
/// others (both null when the training images are not known).
/// </summary>
public sealed record DuplicateSummary(
    int IdenticalGroups,
    int IdenticalFiles,
    IReadOnlyList<IReadOnlyList<string>> Conflicting,
    int? EvaluatedSeenInTraining,
    double? UnseenMicroAccuracy);
