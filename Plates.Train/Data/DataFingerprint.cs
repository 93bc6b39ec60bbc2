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
}
