using Plates.Train.Reports;

namespace Plates.Train.Data;

/// <summary>The images read from a data folder, with everything that was passed over and why.</summary>
public sealed record CharacterDataset(
    string Folder,
    IReadOnlyList<LabelledImage> Images,
    IReadOnlyList<SkippedFile> Skipped,
    IReadOnlyList<string> Warnings)
{
    public IReadOnlyList<string> Classes => Images.Select(i => i.Label).Distinct().OrderBy(l => l, StringComparer.Ordinal).ToArray();

    public int CountOf(string label) => Images.Count(i => i.Label == label);
}
