using System.Security.Cryptography;
using Plates.Train.Reports;

namespace Plates.Train.Data;

/// <summary>
/// Byte-identical image files in a data folder: how many there are, which of them sit under different labels (so one
/// of the copies is mislabelled and no model can read both right), and how many evaluated images the model already saw
/// in training, with the accuracy on the rest — the figure that says how well the model reads images it has not seen.
/// </summary>
public static class DuplicateImages
{
    /// <param name="all">Every readable image of the data folder.</param>
    /// <param name="train">The images the model was trained on, or null when not known (evaluation of a whole folder).</param>
    /// <param name="evaluated">The images the report scores.</param>
    /// <param name="misclassified">The evaluated images read wrong (paths relative to <paramref name="dataFolder"/>).</param>
    public static DuplicateSummary Analyse(IReadOnlyList<LabelledImage> all, IReadOnlyList<LabelledImage>? train,
        IReadOnlyList<LabelledImage> evaluated, IReadOnlyList<Misclassification> misclassified, string dataFolder) =>
        Analyse(all, train, evaluated, misclassified, DataSources.Single(dataFolder));

    /// <param name="sources">The sources the images were read from: files are named by <see cref="DataSources.NameOf(LabelledImage)"/>, as <paramref name="misclassified"/> names them.</param>
    /// <inheritdoc cref="Analyse(IReadOnlyList{LabelledImage}, IReadOnlyList{LabelledImage}?, IReadOnlyList{LabelledImage}, IReadOnlyList{Misclassification}, string)"/>
    public static DuplicateSummary Analyse(IReadOnlyList<LabelledImage> all, IReadOnlyList<LabelledImage>? train,
        IReadOnlyList<LabelledImage> evaluated, IReadOnlyList<Misclassification> misclassified, DataSources sources)
    {
        var hashes = new Dictionary<LabelledImage, string>(ReferenceEqualityComparer.Instance);
        string HashOf(LabelledImage image)
        {
            if (!hashes.TryGetValue(image, out var hash))
                hashes[image] = hash = Convert.ToHexString(SHA256.HashData(image.Bytes));
            return hash;
        }

        var groups = all.GroupBy(HashOf).Where(g => g.Count() > 1).ToArray();
        var conflicting = groups
            .Where(g => g.Select(i => i.Label).Distinct().Count() > 1)
            .Select(g => (IReadOnlyList<string>)g.Select(sources.NameOf).Order(StringComparer.Ordinal).ToArray())
            .OrderBy(g => g[0], StringComparer.Ordinal)
            .ToArray();

        int? seen = null;
        double? unseenAccuracy = null;
        if (train is not null)
        {
            var trained = train.Select(HashOf).ToHashSet();
            var unseen = evaluated.Where(i => !trained.Contains(HashOf(i))).Select(sources.NameOf).ToHashSet();
            seen = evaluated.Count - unseen.Count;
            int wrong = misclassified.Count(m => unseen.Contains(m.Path));
            unseenAccuracy = unseen.Count == 0 ? null : (unseen.Count - wrong) / (double)unseen.Count;
        }
        return new DuplicateSummary(groups.Length, groups.Sum(g => g.Count()), conflicting, seen, unseenAccuracy);
    }
}
