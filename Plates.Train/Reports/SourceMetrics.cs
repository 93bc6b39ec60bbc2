using Plates.Train.Data;

namespace Plates.Train.Reports;

/// <summary>How the evaluated images of one class from one source were read.</summary>
/// <param name="Misread">What the wrong readings were, most frequent first.</param>
public sealed record SourceClassMetrics(string Label, int Evaluated, int Correct, IReadOnlyList<ConfusedPair> Misread)
{
    /// <summary>Correct over evaluated (NaN without images).</summary>
    public double Recall => Evaluated == 0 ? double.NaN : Correct / (double)Evaluated;
}

/// <summary>
/// How the evaluated images of one source were read: the figure that stays comparable when other sources are trained
/// beside it (the split keeps each source's test images whatever else is trained, <see cref="StratifiedSplit"/>).
/// </summary>
/// <param name="Images">Readable images the source gave (of the model's label set), training and test together.</param>
/// <param name="Evaluated">Its images the report scores (the test split's share, or all).</param>
public sealed record SourceMetrics(string Name, string Folder, DataSourceKind Kind, double Weight, int Images, int Evaluated, int Correct, IReadOnlyList<SourceClassMetrics> Classes)
{
    /// <summary>Correct over evaluated (NaN without images).</summary>
    public double MicroAccuracy => Evaluated == 0 ? double.NaN : Correct / (double)Evaluated;

    /// <summary>The mean recall of the classes the source has evaluated images of (NaN without any).</summary>
    public double MacroAccuracy => Classes.Any(c => c.Evaluated > 0) ? Classes.Where(c => c.Evaluated > 0).Average(c => c.Recall) : double.NaN;

    /// <summary>Per-source figures from the images scored and what each was read as.</summary>
    /// <param name="all">Every readable image of the label set (for <see cref="Images"/>).</param>
    /// <param name="evaluated">The images scored.</param>
    /// <param name="predicted">The label each of <paramref name="evaluated"/> was read as, in the same order.</param>
    public static IReadOnlyList<SourceMetrics> Compute(DataSources sources, IReadOnlyList<LabelledImage> all, IReadOnlyList<LabelledImage> evaluated, IReadOnlyList<string> predicted)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (evaluated.Count != predicted.Count)
            throw new ArgumentException($"{evaluated.Count} images but {predicted.Count} predictions.", nameof(predicted));
        var result = new SourceMetrics[sources.Count];
        for (int s = 0; s < sources.Count; s++)
        {
            var rows = evaluated.Select((image, i) => (image, Predicted: predicted[i])).Where(r => r.image.Source == s).ToArray();
            var classes = rows.GroupBy(r => r.image.Label).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new SourceClassMetrics(
                g.Key, g.Count(), g.Count(r => r.Predicted == g.Key),
                g.Where(r => r.Predicted != g.Key).GroupBy(r => r.Predicted).OrderByDescending(p => p.Count()).ThenBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => new ConfusedPair(g.Key, p.Key, p.Count())).ToArray())).ToArray();
            var source = sources[s];
            result[s] = new SourceMetrics(source.Name, source.Folder, source.Kind, source.Weight, all.Count(i => i.Source == s), rows.Length,
                rows.Count(r => r.Predicted == r.image.Label), classes);
        }
        return result;
    }
}
