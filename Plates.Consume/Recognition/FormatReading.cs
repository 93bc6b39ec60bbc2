using System.Diagnostics;
using OpenCvSharp;
using Plates.Consume.Layout;
using Plates.Consume.Segmentation;

namespace Plates.Consume.Recognition;

/// <summary>The reading of an upright plate as the format that explained it best, with the time cutting and reading took.</summary>
/// <param name="Colour">The background colour the reading was made under (the located one, or the one of the other shade that read better).</param>
public sealed record FormatReading(PlateFormat Format, PlateColor Colour, IReadOnlyList<CharacterPrediction> Characters, double Confidence, double SegmentMs, double ReadMs)
{
    /// <summary>The characters' labels joined.</summary>
    public string Text => string.Concat(Characters.Select(c => c.Label));

    /// <summary>The <see cref="SegmentedPlate.FitShare"/> of the cut the reading was made from.</summary>
    public double FitShare { get; init; } = 1;
}

/// <summary>
/// Reads an upright plate as every format its colour allows (<see cref="PlateFormats.For"/>): it is cut once per layout
/// those formats share, each format reads the cut its own way, and the reading that explains the plate best wins —
/// the highest confidence times the cut's <see cref="SegmentedPlate.FitShare"/> to <see cref="RecogniserOptions.FitShareWeight"/>,
/// the format listed first on a tie. A format of another colour whose fixed characters the winner reads (粤Z of a
/// Hong Kong plate whose black looked blue) is read as well. Stateless apart from its parts; thread-safe.
/// </summary>
public sealed class FormatReader
{
    private readonly CharacterSegmenter _segmenter;
    private readonly PlateReader _reader;
    private readonly RecogniserOptions _options;

    public FormatReader(CharacterSegmenter segmenter, PlateReader reader, RecogniserOptions options)
    {
        _segmenter = segmenter ?? throw new ArgumentNullException(nameof(segmenter));
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>The best reading of the plate, or null when no format's layout could be cut.</summary>
    /// <param name="upright">The upright plate image (BGR).</param>
    /// <param name="colour">Its background colour.</param>
    /// <param name="twoRow">Whether the deskewer laid two rows out as one.</param>
    /// <param name="located">
    /// The plate was located in a photo, not given as a crop: a reading under the other shade's colour then replaces
    /// the colour's own only when every character of it is sure, since against the hue's word lettering and grilles
    /// beside a plate read as rows of characters too (measured on the scenes: two such false detections otherwise,
    /// each with two unsure characters).
    /// </param>
    public FormatReading? Read(Mat upright, PlateColor colour, bool twoRow, bool located = false)
    {
        ArgumentNullException.ThrowIfNull(upright);
        var timing = new double[2];
        var own = Formats(colour, twoRow);
        var best = ReadAs(upright, colour, own, timing);
        // No layout could be cut: a plate with dark characters may lie half in shadow (CharacterSegmenter.SegmentShaded).
        // Once per plate, after every layout failed, so that plates which cut cost nothing more.
        if (best is null && _options.Segmenter.ShadedRetryColours.Contains(colour))
            best = ReadAs(upright, colour, own, timing, shaded: true);
        // A hue calling for dark characters may be a cast on a blue plate's white ones (warm light turns it yellow, a
        // teal sky green): read it as the colour of the other shade too, and keep what reads better.
        if (_options.CastColours.TryGetValue(colour, out var other)
            && ReadAs(upright, other, Formats(other, twoRow), timing) is { } asOther && (best is null || asOther.Score > best.Value.Score)
            && (!located || asOther.Characters.All(c => c.Confidence >= _options.LowConfidenceBelow)))
            best = asOther;
        if (best is { } first)
        {
            var brought = _options.Formats
                .Where(f => f.IsTwoRow == twoRow && f.Count == first.Format.Count && !f.ComesIn(first.Colour) && FixedCharactersRead(f, first.Characters))
                .ToArray();
            if (brought.Length > 0 && ReadAs(upright, first.Colour, brought, timing) is { } fixedRead && fixedRead.Score > first.Score) best = fixedRead;
        }
        return best is { } chosen ? new FormatReading(chosen.Format, chosen.Colour, chosen.Characters, chosen.Confidence, timing[0], timing[1]) { FitShare = chosen.FitShare } : null;
    }

    /// <summary>The formats a plate of this colour may be; any one-row format when the colour brings none.</summary>
    private IReadOnlyList<PlateFormat> Formats(PlateColor colour, bool twoRow)
    {
        var formats = PlateFormats.For(_options.Formats, colour, twoRow);
        return formats.Count > 0 ? formats : PlateFormats.For(_options.Formats, PlateColor.Unknown, twoRow);
    }

    /// <summary>
    /// Whether a format has characters fixed to one label and the reading has them in their places: all of them, or
    /// all but one when there are several (the 粤Z of a Hong Kong plate read 粤K: under the colour it was not classed
    /// as, the format is read with its own classes and wins only if it explains the plate better).
    /// </summary>
    private static bool FixedCharactersRead(PlateFormat format, IReadOnlyList<CharacterPrediction> characters)
    {
        var fixedPositions = Enumerable.Range(0, format.Count).Where(i => format.Characters[i].Allowed is { Count: 1 }).ToArray();
        int read = fixedPositions.Count(i => format.Characters[i].Allows(characters[i].Label));
        return fixedPositions.Length > 0 && read >= (fixedPositions.Length == 1 ? 1 : fixedPositions.Length - 1);
    }

    private (PlateFormat Format, PlateColor Colour, IReadOnlyList<CharacterPrediction> Characters, double Confidence, double Score, double FitShare)? ReadAs(
        Mat upright, PlateColor colour, IReadOnlyList<PlateFormat> formats, double[] timing, bool shaded = false)
    {
        (PlateFormat Format, PlateColor Colour, IReadOnlyList<CharacterPrediction> Characters, double Confidence, double Score, double FitShare)? best = null;
        foreach (var layout in formats.Select(f => f.Layout).Distinct())
        {
            var sharing = formats.Where(f => f.Layout == layout).ToArray();
            var (always, either) = PlateFormats.ChineseCuts(sharing);
            var stage = Stopwatch.StartNew();
            var segmented = shaded ? _segmenter.SegmentShaded(upright, colour, layout, always, either) : _segmenter.Segment(upright, colour, layout, always, either);
            timing[0] += stage.Elapsed.TotalMilliseconds;
            if (segmented is null || segmented.Count != layout.Count) continue;

            stage.Restart();
            foreach (var (format, characters) in _reader.Read(segmented, sharing))
            {
                if (characters is null) continue;
                double confidence = ReadingRules.GeometricMean(characters.Select(c => (double)c.Confidence).ToArray());
                double score = confidence * Math.Pow(segmented.FitShare, _options.FitShareWeight);
                if (best is null || score > best.Value.Score) best = (format, colour, characters, confidence, score, segmented.FitShare);
            }
            timing[1] += stage.Elapsed.TotalMilliseconds;
        }
        return best;
    }
}
