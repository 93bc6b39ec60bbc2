using OpenCvSharp;
using Plates.Consume.Segmentation;
using Plates.Tests.TestSupport;
using Plates.Consume;
using Plates.Consume.Layout;

namespace Plates.Tests.Segmentation;

/// <summary>
/// Plates drawn in code with the standard layout, so that each test knows where every character is; and the way to the
/// shared real crops.
/// </summary>
public static class SegmentationPlates
{
    public static readonly Scalar Blue = new(170, 70, 15);
    public static readonly Scalar Yellow = new(20, 190, 235);
    public static readonly Scalar White = Scalar.All(245);
    public static readonly Scalar Black = Scalar.All(20);

    /// <summary>Left edge of the first character on a 440 mm plate drawn at one pixel per millimetre.</summary>
    public const double FirstLeft = (440 - 409) / 2.0;

    /// <summary>Top of the characters on the 140 mm tall plate.</summary>
    public const int CharacterTop = 25;

    /// <summary>
    /// A 440×140 plate (one pixel per millimetre) with a frame, two bolts, a separator dot, a Chinese-like first character
    /// in two pieces and six Hershey glyphs squeezed into the standard 45×90 boxes.
    /// </summary>
    public static Mat Draw(Scalar background, Scalar ink, string latin = "A12345")
    {
        var plate = new Mat(140, 440, MatType.CV_8UC3, background);
        Cv2.Rectangle(plate, new Rect(4, 4, 432, 132), ink, 3);
        Cv2.Circle(plate, new Point(80, 14), 5, ink, -1);
        Cv2.Circle(plate, new Point(360, 14), 5, ink, -1);

        // A two-part "Chinese" character: a radical on the left and a taller part on the right, not touching.
        var first = ExpectedBox(0);
        Cv2.Rectangle(plate, new Rect(first.X + 2, first.Y + 10, 14, 8), ink, -1);
        Cv2.Rectangle(plate, new Rect(first.X + 4, first.Y + 30, 10, 50), ink, 4);
        Cv2.Rectangle(plate, new Rect(first.X + 22, first.Y, 21, 90), ink, 5);
        Cv2.Line(plate, new Point(first.X + 22, first.Y + 45), new Point(first.X + 43, first.Y + 45), ink, 5);

        for (int i = 0; i < latin.Length && i < 6; i++)
            DrawGlyph(plate, latin[i].ToString(), ExpectedBox(i + 1), ink);

        int dotX = (int)(ExpectedBox(1).Right + 17);
        Cv2.Circle(plate, new Point(dotX, CharacterTop + 45), 5, ink, -1);
        return plate;
    }

    /// <summary>Where character <paramref name="index"/> is drawn on the 440×140 plate.</summary>
    public static Rect ExpectedBox(int index) =>
        new((int)Math.Round(FirstLeft + PlateLayout.StandardSingleRow.Offsets[index]), CharacterTop, 45, 90);

    /// <summary>A glyph drawn large and squeezed into its box, because Hershey glyphs are nearly square.</summary>
    private static void DrawGlyph(Mat plate, string glyph, Rect box, Scalar ink)
    {
        using var canvas = new Mat(120, 100, MatType.CV_8UC1, Scalar.All(0));
        Cv2.PutText(canvas, glyph, new Point(8, 110), HersheyFonts.HersheySimplex, 4.2, Scalar.All(255), 14);
        var bounds = Cv2.BoundingRect(canvas);
        using var tight = new Mat(canvas, bounds);
        using var mask = new Mat();
        // '1' stays narrow, like the real plate font.
        int width = glyph == "1" ? Math.Max(8, bounds.Width * box.Height / bounds.Height / 2) : box.Width;
        Cv2.Resize(tight, mask, new Size(width, box.Height), 0, 0, InterpolationFlags.Area);
        var target = new Rect(box.X + (box.Width - width) / 2, box.Y, width, box.Height);
        using var roi = new Mat(plate, target);
        roi.SetTo(ink, mask);
    }

    /// <summary>../shared/datasets beside the repository, or null when it is not there.</summary>
    public static string? DatasetsFolder() => TestData.DatasetsIfPresent;

    /// <summary>The real plate crops (file name = plate text), or Inconclusive when the data set is missing.</summary>
    public static string[] Crops()
    {
        var datasets = DatasetsFolder();
        var crops = datasets is null ? null : Path.Combine(datasets, "crops");
        if (crops is null || !Directory.Exists(crops))
            Assert.Inconclusive("The shared crops data set (../shared/datasets/crops) is not available.");
        return Directory.GetFiles(crops!, "*.jpg").OrderBy(f => f, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Whether seven boxes look like a plate's characters: left to right, overlapping little, each between a quarter and
    /// 1.3 character heights wide (crops are often stretched sideways), and each character image carrying some ink.
    /// </summary>
    public static bool IsPlausible(SegmentedPlate plate)
    {
        if (plate.Count != 7 || plate.Boxes.Count != 7) return false;
        var boxes = plate.Boxes;
        double height = boxes.Average(b => b.Height);
        for (int i = 1; i < boxes.Count; i++)
            if (boxes[i].X <= boxes[i - 1].X || boxes[i].X < boxes[i - 1].Right - boxes[i - 1].Width / 3) return false;
        if (boxes.Any(b => b.Width > 1.3 * height || b.Width < 0.25 * height)) return false;
        return plate.Characters.All(c => c.Length == 400 && c.Count(p => p > 128) >= 12);
    }
}
