using System.Security.Cryptography;
using System.Text;
using Plates.Model.Labels;

namespace Plates.Train.Data;

/// <summary>
/// The fingerprint <see cref="Plates.Model.Pipelines.TrainingMetadata.DataFingerprint"/> records: a SHA-256 over the
/// label set (name and classes) and, in ordinal order of path, every image's path relative to the data folder (with
/// '/' between the class folder and the file) and the SHA-256 of its bytes. Where the folder lies and the order the
/// file system lists it in do not matter; any image added, removed, renamed, moved to another class or edited does.
/// </summary>
public static class DataFingerprint
{
    /// <param name="images">The images a split is drawn from (those of <paramref name="labels"/>' classes).</param>
    /// <returns>"sha256:" and 64 lower-case hex digits.</returns>
    public static string Of(IEnumerable<LabelledImage> images, LabelSet labels, string dataFolder)
    {
        var lines = images
            .Select(i => $"{Path.GetRelativePath(dataFolder, i.Path).Replace(Path.DirectorySeparatorChar, '/')}\t{Convert.ToHexStringLower(SHA256.HashData(i.Bytes))}")
            .Order(StringComparer.Ordinal);
        var text = new StringBuilder()
            .Append("labels\t").Append(labels.Name).Append('\t').AppendJoin(' ', labels.Labels).Append('\n');
        foreach (string line in lines) text.Append(line).Append('\n');
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// The fingerprint of several sources' images together, from each source's own (<see cref="Of(IEnumerable{LabelledImage}, LabelSet, string)"/>
    /// over its folder): one source's is its own, so a model trained on one folder records what it always did; for
    /// several, a SHA-256 over their fingerprints in ordinal order (the order the roots were given in does not matter).
    /// </summary>
    public static string Combine(IReadOnlyCollection<string> sourceFingerprints)
    {
        ArgumentNullException.ThrowIfNull(sourceFingerprints);
        if (sourceFingerprints.Count == 0) throw new ArgumentException("At least one fingerprint is needed.", nameof(sourceFingerprints));
        if (sourceFingerprints.Count == 1) return sourceFingerprints.First();
        string text = string.Concat(sourceFingerprints.Order(StringComparer.Ordinal).Select(f => "source\t" + f + "\n"));
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Each source's fingerprint over its own images (the order of <paramref name="sources"/>).</summary>
    public static IReadOnlyList<string> PerSource(IReadOnlyList<LabelledImage> images, LabelSet labels, DataSources sources) =>
        Enumerable.Range(0, sources.Count).Select(s => Of(images.Where(i => i.Source == s), labels, sources[s].Folder)).ToArray();
}
