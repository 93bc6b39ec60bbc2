namespace Plates.Consume.Recognition;

/// <summary>Why a located candidate's reading was taken for something that is not a plate.</summary>
public enum ReadingRejection
{
    /// <summary>The reading is kept.</summary>
    None,

    /// <summary>The overall confidence is under <see cref="RecogniserOptions.RejectBelow"/>.</summary>
    LowOverall,

    /// <summary>More characters than <see cref="RecogniserOptions.MaxUnsureCharacters"/> read below <see cref="RecogniserOptions.LowConfidenceBelow"/>.</summary>
    ManyUnsureCharacters,

    /// <summary>Leaving out the weakest character, the others' confidence is under <see cref="RecogniserOptions.RejectRestBelow"/>.</summary>
    UnsureBeyondWeakest,

    /// <summary>The box's long side stands more than <see cref="RecogniserOptions.MaxTiltDegrees"/> off horizontal.</summary>
    Tilted,

    /// <summary>
    /// More than <see cref="RecogniserOptions.MaxOnesAfterCity"/> characters after the first two read 1, and a character
    /// is unsure: a row of bars.
    /// </summary>
    RowOfBars,
}

/// <summary>
/// Decides from a reading alone whether a located candidate was a plate. The locator accepts anything showing a row of
/// character-like blobs, and camera date stamps, badges, grilles, signs and road texture do; what gives them away is
/// how the classifiers, trained on plate characters only, read them: a real plate may have one hard character (the
/// Chinese one, a smudged one, a learner plate's 学) but reads surely elsewhere, while a row that is not plate
/// characters leaves the classifiers unsure in several places.
/// </summary>
public static class ReadingRules
{
    /// <summary>The first rule the reading breaks, or <see cref="ReadingRejection.None"/>.</summary>
    /// <param name="characterConfidences">Each character's probability, in plate order.</param>
    /// <param name="tiltDegrees">Angle of the box's long side from horizontal, in degrees, either sign.</param>
    /// <param name="options">The thresholds.</param>
    /// <param name="text">The reading itself, for the rule on rows of bars; null leaves that rule out.</param>
    public static ReadingRejection Judge(IReadOnlyList<double> characterConfidences, double tiltDegrees, RecogniserOptions options, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(characterConfidences);
        ArgumentNullException.ThrowIfNull(options);
        if (characterConfidences.Count == 0) return ReadingRejection.LowOverall;
        if (GeometricMean(characterConfidences) < options.RejectBelow) return ReadingRejection.LowOverall;
        if (characterConfidences.Count(c => c < options.LowConfidenceBelow) > options.MaxUnsureCharacters)
            return ReadingRejection.ManyUnsureCharacters;
        // One weak character says nothing about the rest; a weak rest says the row is not plate characters.
        var rest = characterConfidences.Order().Skip(1).ToArray();
        if (rest.Length > 0 && GeometricMean(rest) < options.RejectRestBelow) return ReadingRejection.UnsureBeyondWeakest;
        if (Math.Abs(FoldTilt(tiltDegrees)) > options.MaxTiltDegrees) return ReadingRejection.Tilted;
        if (text is { Length: > 2 } && text.AsSpan(2).Count('1') > options.MaxOnesAfterCity
            && characterConfidences.Any(c => c < options.LowConfidenceBelow))
            return ReadingRejection.RowOfBars;
        return ReadingRejection.None;
    }

    /// <summary>Geometric mean of the probabilities, each floored at 1e-6 so one zero does not hide the others: the plate's overall confidence.</summary>
    public static double GeometricMean(IReadOnlyList<double> confidences)
    {
        ArgumentNullException.ThrowIfNull(confidences);
        if (confidences.Count == 0) return 0;
        return Math.Exp(confidences.Sum(c => Math.Log(Math.Max(c, 1e-6))) / confidences.Count);
    }

    /// <summary>The same line's angle in (−90, 90]: a box's angle and that angle ± 180° describe the same row.</summary>
    public static double FoldTilt(double degrees)
    {
        double folded = degrees % 180;
        if (folded > 90) folded -= 180;
        if (folded <= -90) folded += 180;
        return folded;
    }
}
