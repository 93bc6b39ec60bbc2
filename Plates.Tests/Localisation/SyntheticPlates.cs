using OpenCvSharp;
using Plates.Consume.Imaging;

namespace Plates.Tests.Localisation;

/// <summary>Plates drawn in code, so that each test knows exactly where the plate is and how it is turned.</summary>
public static class SyntheticPlates
{
    public static readonly Scalar Blue = new(170, 70, 15);
    public static readonly Scalar Yellow = new(20, 190, 235);
    public static readonly Scalar White = Scalar.All(245);
    public static readonly Scalar Black = Scalar.All(20);
    public static readonly Scalar Grey = Scalar.All(128);

    /// <summary>
    /// An upright 440×140 plate (the real plate's millimetres) with seven characters. The text is drawn wide and then
    /// squeezed, because Hershey glyphs are nearly square and plate characters are half as wide as they are tall.
    /// </summary>
    public static Mat Upright(Scalar background, Scalar ink, string text = "ZA12345")
    {
        using var wide = new Mat(140, 700, MatType.CV_8UC3, background);
        Cv2.PutText(wide, text, new Point(24, 112), HersheyFonts.HersheySimplex, 3.7, ink, 12);
        var plate = new Mat();
        Cv2.Resize(wide, plate, new Size(440, 140), 0, 0, InterpolationFlags.Area);
        return plate;
    }

    /// <summary>Paints a plate into a scene so that it exactly fills <paramref name="box"/>.</summary>
    public static void Draw(Mat scene, RotatedRect box, Scalar background, Scalar ink, string text = "ZA12345")
    {
        using var plate = Upright(background, ink, text);
        var c = RotatedBoxes.Corners(box);
        Point2f[] src = [new(0, 0), new(plate.Width, 0), new(0, plate.Height)];
        Point2f[] dst = [c[0], c[1], c[3]];
        using var m = Cv2.GetAffineTransform(src, dst);
        Cv2.WarpAffine(plate, scene, m, scene.Size(), InterpolationFlags.Linear, BorderTypes.Transparent);
    }

    /// <summary>A mid-grey scene with one plate in it.</summary>
    public static Mat Scene(Size size, RotatedRect box, Scalar background, Scalar ink)
    {
        var scene = new Mat(size, MatType.CV_8UC3, Grey);
        Draw(scene, box, background, ink);
        return scene;
    }
}
