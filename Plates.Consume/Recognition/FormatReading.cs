using System.Diagnostics;
using OpenCvSharp;
using Plates.Consume.Layout;
using Plates.Consume.Segmentation;

namespace Plates.Consume.Recognition;

/// <summary>The reading of an upright plate as the format that explained it best, with the time cutting and reading took.</summary>
public sealed record FormatReading(PlateFormat Format, IReadOnlyList<CharacterPrediction> Characters, double Confidence, double SegmentMs, double ReadMs)
{
    /// <summary>The characters' labels joined.</summary>
    public string Text => string.Concat(Characters.Select(c => c.Label));
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
    public FormatReading? Read(Mat upright, PlateColor colour, bool twoRow)
    {
        ArgumentNullException.ThrowIfNull(upright);
        var formats = PlateFormats.For(_options.Formats, colour, twoRow);
        if (formats.Count == 0) formats = PlateFormats.For(_options.Formats, PlateColor.Unknown, twoRow);
        var timing = new double[2];
        var best = ReadAs(upright, colour, formats, timing);
        if (best is { } first)
        {
            var brought = _options.Formats
                .Where(f => !formats.Contains(f) && f.IsTwoRow == twoRow && f.Count == first.Format.Count && FixedCharactersRead(f, first.Characters))
                .ToArray();
            if (brought.Length > 0 && ReadAs(upright, colour, brought, timing) is { } other && other.Score > first.Score) best = other;
        }
        return best is { } chosen ? new FormatReading(chosen.Format, chosen.Characters, chosen.Confidence, timing[0], timing[1]) : null;
    }

    /// <summary>Whether a format has characters fixed to one label and the reading has each of them in its place.</summary>
    private static bool FixedCharactersRead(PlateFormat format, IReadOnlyList<CharacterPrediction> characters)
    {
        var fixedPositions = Enumerable.Range(0, format.Count).Where(i => format.Characters[i].Allowed is { Count: 1 }).ToArray();
        return fixedPositions.Length > 0 && fixedPositions.All(i => format.Characters[i].Allows(characters[i].Label));
    }

    private (PlateFormat Format, IReadOnlyList<CharacterPrediction> Characters, double Confidence, double Score)? ReadAs(
        Mat upright, PlateColor colour, IReadOnlyList<PlateFormat> formats, double[] timing)
    {
        (PlateFormat Format, IReadOnlyList<CharacterPrediction> Characters, double Confidence, double Score)? best = null;
        foreach (var layout in formats.Select(f => f.Layout).Distinct())
        {
            var sharing = formats.Where(f => f.Layout == layout).ToArray();
            var always = sharing.Select(f => f.ChinesePositions).Aggregate((a, b) => a.Intersect(b).ToArray());
            var either = sharing.SelectMany(f => f.ChinesePositions).Distinct().Except(always).ToArray();
            var stage = Stopwatch.StartNew();
            var segmented = _segmenter.Segment(upright, colour, layout, always, either);
            timing[0] += stage.Elapsed.TotalMilliseconds;
            if (segmented is null || segmented.Count != layout.Count) continue;

            stage.Restart();
            foreach (var (format, characters) in _reader.Read(segmented, sharing))
            {
                if (characters is null) continue;
                double confidence = ReadingRules.GeometricMean(characters.Select(c => (double)c.Confidence).ToArray());
                double score = confidence * Math.Pow(segmented.FitShare, _options.FitShareWeight);
                if (best is null || score > best.Value.Score) best = (format, characters, confidence, score);
            }
            timing[1] += stage.Elapsed.TotalMilliseconds;
        }
        return best;
    }
}
