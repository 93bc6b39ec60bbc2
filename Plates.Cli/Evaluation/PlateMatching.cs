using OpenCvSharp;

namespace Plates.Cli.Evaluation;

/// <summary>Whether a returned plate's box is on a tagged plate.</summary>
public static class PlateMatching
{
    /// <summary>The overlap (intersection over union of the two rotated boxes) that counts as on the plate by itself.</summary>
    public const double MinimumIoU = 0.3;

    /// <summary>The rule in words, for the reports.</summary>
    public const string Criterion =
        "a returned plate is on a tagged plate when the centre of its box lies inside the tagged rotated box, " +
        "or when the two rotated boxes overlap with IoU ≥ 0.3";

    /// <summary>
    /// True when <paramref name="returned"/> is on <paramref name="tagged"/>. Each test alone can miss a right box:
    /// the recogniser's box is often looser than the tag (the locator's edge boxes take in a frame or bumper strip) or
    /// tighter (cut to the character row), so a right box of a small plate can fall under a fixed IoU while its centre
    /// is on the plate; and a frame can push a box's centre just off a thin tilted tag while the box still covers most
    /// of it. Neither test can be passed by a box elsewhere in the photo, which is what must not count as found. (On
    /// the 128 scenes, centre alone, IoU alone and either give the same counts; the locator's tests use this rule too.)
    /// </summary>
    public static bool Matches(RotatedRect returned, RotatedRect tagged) =>
        Cv2.PointPolygonTest(tagged.Points(), returned.Center, measureDist: false) >= 0 || IoU(returned, tagged) >= MinimumIoU;

    /// <summary>Intersection over union of two rotated boxes (their areas, not their upright bounds); 0 when apart.</summary>
    public static double IoU(RotatedRect a, RotatedRect b)
    {
        double areaA = (double)a.Size.Width * a.Size.Height, areaB = (double)b.Size.Width * b.Size.Height;
        if (areaA <= 0 || areaB <= 0) return 0;
        var kind = Cv2.RotatedRectangleIntersection(a, b, out Point2f[] region);
        if (kind == RectanglesIntersectTypes.None || region.Length < 3) return 0;
        // The intersection is convex; its hull puts the vertices in order so the polygon area is right whatever order they came in.
        double intersection = Cv2.ContourArea(Cv2.ConvexHull(region));
        return intersection / (areaA + areaB - intersection);
    }
}
