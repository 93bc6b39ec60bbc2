using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plates.Consume.Recognition;

/// <summary>One character as it is written out: its label and probability.</summary>
public sealed record CharacterJson(string Label, double Confidence);

/// <summary>The stage timings of one plate as they are written out, in milliseconds.</summary>
public sealed record TimingsJson(double Locate, double Deskew, double Segment, double Read);

/// <summary>One alternative reading of a plate as it is written out: its text and confidence (<see cref="PlateReading"/>).</summary>
public sealed record ReadingJson(string Text, double Confidence);

/// <summary>One plate as it is written out (the command line's <c>--json</c> line and the service's answer).</summary>
/// <param name="Box">The box's four corners in photo pixels: x1, y1, …, x4, y4.</param>
/// <param name="Readings">The most probable readings, the plate's own first (<see cref="RecognisedPlate.TopReadings"/>); left out unless asked for.</param>
public sealed record PlateJson(
    string Text,
    double Confidence,
    bool LowConfidence,
    string Color,
    IReadOnlyList<double> Box,
    IReadOnlyList<CharacterJson> Characters,
    TimingsJson TimingsMs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ReadingJson>? Readings = null);

/// <summary>
/// What one image gave, as it is written out: the file (or request) it came from, its plates, the time from encoded
/// image to plates, and the error when it could not be read. The one JSON shape of a reading: the command line prints
/// it as one line per photo with <c>--json</c>, and the service answers with it, so the two never drift apart.
/// </summary>
/// <param name="Annotated">Where an annotated copy was written; left out when none was asked for.</param>
/// <param name="AnnotationError">Why the annotated copy asked for could not be written, beside the plates read; left out when there is none.</param>
public sealed record PhotoJson(
    string? File,
    IReadOnlyList<PlateJson> Plates,
    double? TotalMs,
    string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Annotated = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AnnotationError = null)
{
    /// <summary>Field names in camelCase, enums as camelCase strings, Chinese characters written as they are, one line.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The reading of one image; confidences rounded to 4 decimals, coordinates to 0.1 px, times to 0.01 ms.</summary>
    /// <param name="readings">How many readings of each plate to list in <see cref="PlateJson.Readings"/>; 0 leaves them out.</param>
    public static PhotoJson From(string? file, RecognitionResult result, int readings = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new PhotoJson(file, result.Plates.Select(p => FromPlate(p, readings)).ToArray(), Math.Round(result.TotalMs, 2), null);
    }

    /// <summary>An image that could not be read: no plates, no time, the error's message.</summary>
    public static PhotoJson Failed(string? file, string error) => new(file, [], null, error);

    /// <summary>One plate as it is written out, with its <paramref name="readings"/> most probable readings when that is over 0.</summary>
    public static PlateJson FromPlate(RecognisedPlate plate, int readings = 0)
    {
        ArgumentNullException.ThrowIfNull(plate);
        ArgumentOutOfRangeException.ThrowIfNegative(readings);
        return new PlateJson(
            plate.Text,
            Math.Round(plate.Confidence, 4),
            plate.IsLowConfidence,
            plate.Color.ToString().ToLowerInvariant(),
            plate.Corners.SelectMany(c => new[] { Math.Round(c.X, 1), Math.Round(c.Y, 1) }).ToArray(),
            plate.Characters.Select(c => new CharacterJson(c.Label, Math.Round(c.Confidence, 4))).ToArray(),
            new TimingsJson(Math.Round(plate.Timings.LocateMs, 2), Math.Round(plate.Timings.DeskewMs, 2),
                Math.Round(plate.Timings.SegmentMs, 2), Math.Round(plate.Timings.ReadMs, 2)),
            readings == 0 ? null : plate.TopReadings(readings).Select(r => new ReadingJson(r.Text, Math.Round(r.Confidence, 4))).ToArray());
    }

    /// <summary>This reading as one line of JSON (no line break).</summary>
    public string ToJsonLine() => JsonSerializer.Serialize(this, SerializerOptions);
}
