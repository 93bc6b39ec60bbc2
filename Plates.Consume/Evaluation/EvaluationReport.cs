namespace Plates.Consume.Evaluation;

/// <summary>Where a plate that was not read exactly went wrong.</summary>
public enum MissStage
{
    /// <summary>No plate was returned for the photo (not located, or located but rejected).</summary>
    NotFound,

    /// <summary>A plate was returned but three or more characters are wrong: the cut was most likely misplaced.</summary>
    CutWrong,

    /// <summary>One or two characters are wrong: the cut was right and a classifier misread.</summary>
    ReadWrong,

    /// <summary>The file could not be read as an image.</summary>
    Error,
}

/// <summary>One photo's outcome: the true plate, the closest plate read, its errors and time.</summary>
public sealed record PhotoOutcome(string File, string Truth, string? Read, double? Confidence, int Errors, int PlatesReturned, double Milliseconds, MissStage? Miss, string? Error);

/// <summary>EasyPR-style figures over a folder of photos or plate crops named for their plate.</summary>
public sealed record EvaluationSummary(
    string Kind,
    string Folder,
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
    double MedianMs,
    double P95Ms,
    IReadOnlyDictionary<string, int> MissesByStage,
    IReadOnlyList<PhotoOutcome> Outcomes)
{
    public static EvaluationSummary From(string kind, string folder, IReadOnlyList<PhotoOutcome> outcomes)
    {
        int photos = outcomes.Count;
        var readable = outcomes.Where(o => o.Error is null).ToArray();
        var found = readable.Where(o => o.Read is not null).ToArray();
        int exact = found.Count(o => o.Errors == 0);
        int withinOne = found.Count(o => o.Errors <= 1);
        int firstRight = found.Count(o => o.Read!.Length > 0 && o.Truth.Length > 0 && o.Read[0] == o.Truth[0]);
        var times = readable.Select(o => o.Milliseconds).OrderBy(t => t).ToArray();
        double Rate(int n) => photos == 0 ? 0 : n / (double)photos;
        return new EvaluationSummary(
            kind, folder, photos, photos - readable.Length, found.Length, Rate(found.Length), exact, Rate(exact), withinOne, Rate(withinOne),
            firstRight, Rate(firstRight),
            readable.Length == 0 ? 0 : readable.Sum(o => Math.Max(0, o.PlatesReturned - 1)) / (double)readable.Length,
            Percentile(times, 0.5), Percentile(times, 0.95),
            outcomes.Where(o => o.Miss is not null).GroupBy(o => o.Miss!.Value.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            outcomes);
    }

    /// <summary>Percentile <paramref name="p"/> (0–1) of sorted values, interpolated between the two nearest ranks; 0 for none.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return 0;
        double rank = p * (sorted.Count - 1);
        int low = (int)Math.Floor(rank), high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
