using OpenCvSharp;

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
    StageTimings Timings);

/// <summary>
/// Every plate found in one photo, best first, and the time the call took: decoding included when the call decoded
/// the photo (from a path or bytes), only conversion and the four stages when it was given a decoded Mat.
/// </summary>
public sealed record RecognitionResult(IReadOnlyList<RecognisedPlate> Plates, double TotalMs);
