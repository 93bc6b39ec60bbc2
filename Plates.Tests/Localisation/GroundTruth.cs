using System.Globalization;
using System.Text.RegularExpressions;
using OpenCvSharp;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Localisation;

/// <summary>One hand-tagged plate of the scenes data set: a rotated box (EasyPR convention, x/y = centre) and its label.</summary>
public sealed record GroundTruthPlate(RotatedRect Box, string Label);

/// <summary>
/// Reads EasyPR's GroundTruth.xml. Parsed with a regular expression rather than an XML parser because the file is known
/// to trip strict readers (ImageMagick reports a missing '&gt;'), and one malformed element must not lose all the others.
/// </summary>
public static partial class GroundTruth
{
    [GeneratedRegex(@"<image>\s*<imageName>(?<name>[^<]*)</imageName>(?<body>.*?)</image>", RegexOptions.Singleline)]
    private static partial Regex ImageRegex();

    [GeneratedRegex(@"<taggedRectangle\s+x=""(?<x>-?[\d.]+)""\s+y=""(?<y>-?[\d.]+)""\s+width=""(?<w>[\d.]+)""\s+height=""(?<h>[\d.]+)""\s+rotation=""(?<r>-?[\d.]+)""[^>]*>(?<label>[^<]*)<", RegexOptions.Singleline)]
    private static partial Regex RectangleRegex();

    /// <summary>Plates per image name (file name without extension).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<GroundTruthPlate>> Load(string xmlPath)
    {
        var text = File.ReadAllText(xmlPath);
        var result = new Dictionary<string, IReadOnlyList<GroundTruthPlate>>(StringComparer.Ordinal);
        foreach (Match image in ImageRegex().Matches(text))
        {
            var plates = new List<GroundTruthPlate>();
            foreach (Match r in RectangleRegex().Matches(image.Groups["body"].Value))
            {
                var box = new RotatedRect(
                    new Point2f(Parse(r, "x"), Parse(r, "y")),
                    new Size2f(Parse(r, "w"), Parse(r, "h")),
                    Parse(r, "r"));
                plates.Add(new GroundTruthPlate(box, r.Groups["label"].Value.Trim()));
            }

            result[image.Groups["name"].Value.Trim()] = plates;
        }

        return result;
    }

    /// <summary>
    /// The detection criterion used by the tests and the measurement console: a candidate finds a plate when its centre
    /// lies inside the ground-truth rotated box, or when their axis-aligned bounds overlap with IoU ≥ 0.3. The centre test
    /// accepts slightly loose or tight boxes of a correctly located plate; the IoU test accepts boxes whose centre is
    /// displaced by a plate frame or bumper edge but still cover most of the plate.
    /// </summary>
    public static bool Matches(RotatedRect candidate, RotatedRect truth)
    {
        if (Cv2.PointPolygonTest(truth.Points(), candidate.Center, measureDist: false) >= 0)
        {
            return true;
        }

        return BoundsIoU(candidate, truth) >= 0.3;
    }

    public static double BoundsIoU(RotatedRect a, RotatedRect b)
    {
        var ra = a.BoundingRect();
        var rb = b.BoundingRect();
        var inter = ra & rb;
        if (inter.Width <= 0 || inter.Height <= 0)
        {
            return 0;
        }

        double i = (double)inter.Width * inter.Height;
        return i / ((double)ra.Width * ra.Height + (double)rb.Width * rb.Height - i);
    }

    /// <summary>../shared/datasets/scenes with its GroundTruth.xml, or null when they are not there.</summary>
    public static string? FindScenesFolder()
    {
        if (TestData.DatasetsIfPresent is not { } datasets) return null;
        var scenes = Path.Combine(datasets, "scenes");
        return File.Exists(Path.Combine(scenes, "GroundTruth.xml")) ? scenes : null;
    }

    private static float Parse(Match m, string group) =>
        float.Parse(m.Groups[group].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
}
