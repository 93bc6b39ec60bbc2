using Plates.Train.Reports;

namespace Plates.Train.Data;

/// <summary>The images read from one or more data folders, with everything that was passed over and why.</summary>
/// <param name="Folder">The folder read (several: joined with commas).</param>
public sealed record CharacterDataset(
    string Folder,
    IReadOnlyList<LabelledImage> Images,
    IReadOnlyList<SkippedFile> Skipped,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The sources the images were read from (<see cref="LabelledImage.Source"/> indexes them).</summary>
    public DataSources Sources { get; init; } = DataSources.Single(Folder);

    /// <summary>
    /// Readable images left out because their class had fewer than 2 (listed in <see cref="Skipped"/> too): a source's
    /// fingerprint covers them, so that one source read alone (where a class can fall under 2) still matches training's.
    /// </summary>
    public IReadOnlyList<LabelledImage> TooFew { get; init; } = [];

    /// <summary>Every readable image of a class folder: <see cref="Images"/> and <see cref="TooFew"/>.</summary>
    public IReadOnlyList<LabelledImage> Readable => [.. Images, .. TooFew];

    public IReadOnlyList<string> Classes => Images.Select(i => i.Label).Distinct().OrderBy(l => l, StringComparer.Ordinal).ToArray();

    public int CountOf(string label) => Images.Count(i => i.Label == label);
}
