using OpenCvSharp;
using Plates.Consume.Layout;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Training;

/// <summary>
/// Plate crops drawn by the tests: real character crops of ../shared/datasets/chars (so that the shipped models read
/// them) painted white on a blue plate at the GA 36 positions, as a camera's crop of a plate looks.
/// </summary>
public static class LabelledCrops
{
    private static readonly Scalar s_blue = new(170, 70, 15);
    private static readonly Scalar s_white = Scalar.All(240);

    /// <summary>A 440×140 blue plate (one pixel per millimetre) reading <paramref name="plate"/> (7 characters), with a 12-pixel margin of road around it.</summary>
    public static Mat Draw(string plate)
    {
        if (plate.Length != 7) throw new ArgumentException("Seven characters are drawn.", nameof(plate));
        var image = new Mat(164, 464, MatType.CV_8UC3, new Scalar(90, 95, 100));
        using (var body = new Mat(image, new Rect(12, 12, 440, 140)))
        {
            body.SetTo(s_blue);
            var layout = PlateLayout.StandardSingleRow;
            double left = (440 - layout.Span) / 2.0;
            for (int i = 0; i < 7; i++)
            {
                using var glyph = Cv2.ImRead(CharacterCrop(i, plate[i].ToString()), ImreadModes.Grayscale);
                Paint(body, glyph, new Rect((int)Math.Round(left + layout.Offsets[i]), 25, 45, 90));
            }
            Cv2.Circle(body, new Point((int)Math.Round(left + layout.Offsets[1] + 45 + 17), 70), 5, s_white, -1);
        }
        return image;
    }

    /// <summary>Writes <see cref="Draw"/>(<paramref name="drawn"/>) into <paramref name="folder"/> as <c>&lt;label&gt;.png</c>.</summary>
    public static string Write(string folder, string drawn, string label)
    {
        Directory.CreateDirectory(folder);
        using var image = Draw(drawn);
        string path = Path.Combine(folder, label + ".png");
        Cv2.ImWrite(path, image);
        return path;
    }

    /// <summary>The first crop (in ordinal order of name) of the character in chars/, from the model folder its position reads.</summary>
    private static string CharacterCrop(int position, string label)
    {
        string model = position switch { 0 => "province", 1 => "city", _ => "alnum" };
        string folder = TestData.RequireDataset("chars", model, label);
        return Directory.GetFiles(folder).Order(StringComparer.Ordinal).First();
    }

    /// <summary>The 20×20 crop (white on black, the ink centred in the square) enlarged to the box's height and painted where it is white.</summary>
    private static void Paint(Mat plate, Mat glyph, Rect box)
    {
        using var enlarged = new Mat();
        Cv2.Resize(glyph, enlarged, new Size(box.Height, box.Height), 0, 0, InterpolationFlags.Linear);
        using var mask = new Mat();
        Cv2.Threshold(enlarged, mask, 127, 255, ThresholdTypes.Binary);
        var square = new Rect(box.X + (box.Width - box.Height) / 2, box.Y, box.Height, box.Height);
        var inside = square & new Rect(0, 0, plate.Width, plate.Height);
        using var target = new Mat(plate, inside);
        using var part = new Mat(mask, new Rect(inside.X - square.X, inside.Y - square.Y, inside.Width, inside.Height));
        target.SetTo(s_white, part);
    }
}
