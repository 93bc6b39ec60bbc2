using OpenCvSharp;
using Plates.Consume.Layout;

namespace Plates.Consume.Recognition;

/// <summary>Milliseconds spent in each stage for one plate (Locate is the photo's, shared by all its plates).</summary>
public sealed record StageTimings(double LocateMs, double DeskewMs, double SegmentMs, double ReadMs)
{
    public double TotalMs => LocateMs + DeskewMs + SegmentMs + ReadMs;
}

/// <summary>
/// One plate read from a photo: its text, the overall confidence (geometric mean of the characters' probabilities), each
/// character's reading, where it is (rotated box and its four corners in photo pixels), its colour, and how long each
/// stage took. <see cref="IsLowConfidence"/> says a character read below the confidence threshold: the text is
/// reported, but should be checked.
/// </summary>
public sealed record RecognisedPlate(
    string Text,
    double Confidence,
    IReadOnlyList<CharacterPrediction> Characters,
    RotatedRect Box,
    IReadOnlyList<Point2f> Corners,
    PlateColor Color,
    bool IsLowConfidence,
    StageTimings Timings)
{
    /// <summary>Which kind of plate the reading is (standard, new-energy, two-row, police, …): the format that explained it best.</summary>
    public PlateKind Kind { get; init; } = PlateKind.Unknown;

    /// <summary>Share of the cut's ink inside the layout's boxes (<see cref="Segmentation.SegmentedPlate.FitShare"/>): what the recogniser judges a cut by.</summary>
    internal double FitShare { get; init; } = 1;

    /// <summary>
    /// The <paramref name="count"/> most probable readings of the plate, most probable first, combining each
    /// character's label and its <see cref="CharacterPrediction.RunnersUp"/> (fewer when the characters offer fewer).
    /// Ranked by the product of the characters' probabilities, and each given the geometric mean of them, the
    /// convention of <see cref="Confidence"/> (the same order: every reading has as many characters), so the first is
    /// <see cref="Text"/> with <see cref="Confidence"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is under 1.</exception>
    public IReadOnlyList<PlateReading> TopReadings(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (Characters.Count == 0) return [new PlateReading(Text, Confidence)];
        // A beam keeping the count most probable beginnings: exact, because a reading among the count most probable
        // begins with one of the count most probable beginnings of its length (each other would beat it).
        // Beginnings of one length rank by their geometric mean as by their product, and the mean floors each
        // probability as Confidence does.
        var beam = new List<(string Text, double[] Probabilities, double Mean)> { ("", [], 1) };
        foreach (var character in Characters)
        {
            beam = beam
                .SelectMany(partial => character.RunnersUp.Prepend(character).Select(choice =>
                {
                    double[] probabilities = [.. partial.Probabilities, choice.Confidence];
                    return (Text: partial.Text + choice.Label, Probabilities: probabilities, Mean: ReadingRules.GeometricMean(probabilities));
                }))
                .OrderByDescending(next => next.Mean)
                .Take(count)
                .ToList();
        }
        return beam.Select(reading => new PlateReading(reading.Text, reading.Mean)).ToArray();
    }
}

/// <summary>One way to read a plate: its text and its confidence, the geometric mean of its characters' probabilities.</summary>
public sealed record PlateReading(string Text, double Confidence);

/// <summary>
/// Every plate found in one photo, best first, and the time the call took: decoding included when the call decoded
/// the photo (from a path or bytes), only conversion and the four stages when it was given a decoded Mat.
/// </summary>
public sealed record RecognitionResult(IReadOnlyList<RecognisedPlate> Plates, double TotalMs);
