using Plates.Consume.Layout;

namespace Plates.Cli.Evaluation;

/// <summary>Where a plate that was not read exactly went wrong.</summary>
public enum MissStage
{
    /// <summary>No plate was returned for the photo (not located, or located but rejected).</summary>
    NotFound,

    /// <summary>Plates were returned, but none on the box GroundTruth.xml tags for the photo's plate.</summary>
    WrongPlace,

    /// <summary>A plate was returned but three or more characters are wrong: the cut was most likely misplaced.</summary>
    CutWrong,

    /// <summary>One or two characters are wrong: the cut was right and a classifier misread.</summary>
    ReadWrong,

    /// <summary>The file could not be read as an image.</summary>
    Error,
}

/// <summary>How a photo's plate was picked from the plates returned for it.</summary>
public enum PlateMatchingRule
{
    /// <summary>The returned plate on the photo's tagged box (<see cref="PlateMatching.Criterion"/>); its text is scored whatever it reads.</summary>
    GroundTruthBox,

    /// <summary>No tagged box for the photo: the returned plate whose text is closest to the file name, wherever it is.</summary>
    ClosestText,
}

/// <summary>
/// One photo's outcome: the true plate, the plate scored for it (see <see cref="Matching"/>), its errors and time.
/// <see cref="FalseDetections"/> counts returned plates on no tagged plate of the photo (null without a tagged box to
/// check against); <see cref="FalseDetectionReads"/> holds what they read.
/// </summary>
public sealed record PhotoOutcome(
    string File,
    string Truth,
    PlateMatchingRule Matching,
    string? Read,
    double? Confidence,
    int Errors,
    int PlatesReturned,
    int? FalseDetections,
    IReadOnlyList<string> FalseDetectionReads,
    double Milliseconds,
    MissStage? Miss,
    string? Error)
{
    /// <summary>The kind of plate the scored reading was (standard, new-energy, two-row, police, …); null when nothing was scored.</summary>
    public PlateKind? ReadKind { get; init; }
}

/// <summary>Readings of one kind of plate, and how many of them were exact.</summary>
public sealed record KindCount(int Read, int Exact);

/// <summary>EasyPR-style figures over a folder of photos or plate crops named for their plate.</summary>
public sealed record EvaluationSummary(
    string Kind,
    string Folder,
    string? GroundTruthFile,
    string Matching,
    int Photos,
    int Failed,
    int Found,
    double DetectionRate,
    int Exact,
    double ExactRate,
    int AtMostOneError,
    double AtMostOneErrorRate,
    int FirstCharacterRight,
    double FirstCharacterRate,
    double ExtraPlatesPerPhoto,
    int? FalseDetections,
    int PhotosCheckedForFalseDetections,
    IReadOnlyList<string> PhotosWithoutGroundTruth,
    double MedianMs,
    double P95Ms,
    IReadOnlyDictionary<string, int> MissesByStage,
    IReadOnlyList<PhotoOutcome> Outcomes)
{
    /// <summary>How many scored readings were of each kind of plate, and how many of those were exact.</summary>
    public IReadOnlyDictionary<PlateKind, KindCount> Kinds =>
        Outcomes.Where(o => o.ReadKind is not null).GroupBy(o => o.ReadKind!.Value).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => new KindCount(g.Count(), g.Count(o => o.Errors == 0)));

    /// <summary>Which images of the folder were scored, when not all of them (<c>--held-out</c>); null when every image was.</summary>
    public string? Subset { get; init; }

    /// <summary>The <see cref="Kind"/> of whole photos, located then read.</summary>
    public const string ScenesKind = "scenes";

    /// <summary>The <see cref="Kind"/> of images that are already a plate: nothing is located, so nothing is placed.</summary>
    public const string CropsKind = "crops";

    /// <param name="groundTruthFile">The GroundTruth.xml the photos were checked against, or null when there was none.</param>
    public static EvaluationSummary From(string kind, string folder, string? groundTruthFile, IReadOnlyList<PhotoOutcome> outcomes)
    {
        int photos = outcomes.Count;
        var readable = outcomes.Where(o => o.Error is null).ToArray();
        var found = readable.Where(o => o.Read is not null).ToArray();
        int exact = found.Count(o => o.Errors == 0);
        int withinOne = found.Count(o => o.Errors <= 1);
        int firstRight = found.Count(o => o.Read!.Length > 0 && o.Truth.Length > 0 && o.Read[0] == o.Truth[0]);
        var times = readable.Select(o => o.Milliseconds).OrderBy(t => t).ToArray();
        var checkedForFalse = readable.Where(o => o.FalseDetections is not null).ToArray();
        var withoutTruth = groundTruthFile is null ? []
            : outcomes.Where(o => o.Matching == PlateMatchingRule.ClosestText).Select(o => o.File).ToArray();
        string matching = DescribeMatching(kind, groundTruthFile, withoutTruth.Length);
        double Rate(int n) => photos == 0 ? 0 : n / (double)photos;
        return new EvaluationSummary(
            kind, folder, groundTruthFile, matching, photos, photos - readable.Length, found.Length, Rate(found.Length), exact, Rate(exact),
            withinOne, Rate(withinOne), firstRight, Rate(firstRight),
            readable.Length == 0 ? 0 : readable.Sum(o => Math.Max(0, o.PlatesReturned - 1)) / (double)readable.Length,
            groundTruthFile is null ? null : checkedForFalse.Sum(o => o.FalseDetections!.Value), checkedForFalse.Length, withoutTruth,
            Percentile(times, 0.5), Percentile(times, 0.95),
            outcomes.Where(o => o.Miss is not null).GroupBy(o => o.Miss!.Value.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            outcomes);
    }

    /// <summary>
    /// How each image's plate was chosen, in words: the one explanation of the rule, which <see cref="Matching"/> holds
    /// for report.md, report.json and the console alike.
    /// </summary>
    private static string DescribeMatching(string kind, string? groundTruthFile, int untaggedImages) =>
        groundTruthFile is null
            ? kind == CropsKind ? "each crop is read as one plate, so there is no place to check and no false detection to count"
            : $"no {SceneGroundTruth.FileName} in the folder: each image is scored by the returned plate whose text is closest to its file name, wherever that plate is, and false detections are not counted"
            : $"{PlateMatching.Criterion}. An image's plate is found only when a returned plate is on the box {SceneGroundTruth.FileName} tags for it, and that plate's text is what is scored; a returned plate on no tagged box is a false detection"
              + (untaggedImages == 0 ? "" : $". Images not tagged in {SceneGroundTruth.FileName} ({untaggedImages}) are scored by the closest text instead, as without the file");

    /// <summary>Percentile <paramref name="p"/> (0–1) of sorted values, interpolated between the two nearest ranks; 0 for none.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return 0;
        double rank = p * (sorted.Count - 1);
        int low = (int)Math.Floor(rank), high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
