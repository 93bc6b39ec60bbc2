using OpenCvSharp;

namespace Plates.Consume.Imaging;

/// <summary>Geometry on plate boxes, kept in one convention: Width is the long side, angle in (-90°, 90°].</summary>
public static class RotatedBoxes
{
    /// <summary>
    /// Rewrites a box so Width is its long side and the angle lies in (-90°, 90°]. minAreaRect and hand-tagged data
    /// describe the same plate as (34×98, -86°) or (98×34, 4°); one form lets every later step read "width" as
    /// "along the characters".
    /// </summary>
    public static RotatedRect Normalise(RotatedRect box)
    {
        float w = box.Size.Width, h = box.Size.Height, angle = box.Angle;
        if (h > w)
        {
            (w, h) = (h, w);
            angle += 90;
        }

        while (angle > 90)
        {
            angle -= 180;
        }

        while (angle <= -90)
        {
            angle += 180;
        }

        return new RotatedRect(box.Center, new Size2f(w, h), angle);
    }

    /// <summary>
    /// Corners as top-left, top-right, bottom-right, bottom-left of the plate as read. Computed here rather than with
    /// RotatedRect.Points() so the order does not depend on OpenCV's angle convention.
    /// </summary>
    public static Point2f[] Corners(RotatedRect box)
    {
        var b = Normalise(box);
        double rad = b.Angle * Math.PI / 180;
        var u = new Point2f((float)Math.Cos(rad), (float)Math.Sin(rad));
        var v = new Point2f(-u.Y, u.X);
        float hw = b.Size.Width / 2, hh = b.Size.Height / 2;
        var c = b.Center;
        return
        [
            new Point2f(c.X - u.X * hw - v.X * hh, c.Y - u.Y * hw - v.Y * hh),
            new Point2f(c.X + u.X * hw - v.X * hh, c.Y + u.Y * hw - v.Y * hh),
            new Point2f(c.X + u.X * hw + v.X * hh, c.Y + u.Y * hw + v.Y * hh),
            new Point2f(c.X - u.X * hw + v.X * hh, c.Y - u.Y * hw + v.Y * hh),
        ];
    }

    /// <summary>Maps a box between the working image and the photo (centre and size scale, angle does not).</summary>
    public static RotatedRect Scale(RotatedRect box, double factor) =>
        new(new Point2f((float)(box.Center.X * factor), (float)(box.Center.Y * factor)),
            new Size2f((float)(box.Size.Width * factor), (float)(box.Size.Height * factor)),
            box.Angle);

    /// <summary>Grows (or shrinks, for factors below 1) a box about its centre.</summary>
    public static RotatedRect Inflate(RotatedRect box, double widthFactor, double heightFactor) =>
        new(box.Center, new Size2f((float)(box.Size.Width * widthFactor), (float)(box.Size.Height * heightFactor)), box.Angle);

    /// <summary>Area of the intersection of two rotated boxes.</summary>
    public static double IntersectionArea(RotatedRect a, RotatedRect b)
    {
        var kind = Cv2.RotatedRectangleIntersection(a, b, out var region);
        if (kind == RectanglesIntersectTypes.None || region.Length < 3)
        {
            return 0;
        }

        var hull = Cv2.ConvexHull(region);
        return Cv2.ContourArea(hull);
    }

    /// <summary>Intersection over the smaller box: 1 when one box lies inside the other, which is how a plate and its frame overlap.</summary>
    public static double OverlapOfSmaller(RotatedRect a, RotatedRect b)
    {
        double smaller = Math.Min(a.Size.Width * a.Size.Height, b.Size.Width * b.Size.Height);
        return smaller <= 0 ? 0 : IntersectionArea(a, b) / smaller;
    }

    /// <summary>Intersection over union of two rotated boxes.</summary>
    public static double IoU(RotatedRect a, RotatedRect b)
    {
        double i = IntersectionArea(a, b);
        double union = a.Size.Width * a.Size.Height + b.Size.Width * b.Size.Height - i;
        return union <= 0 ? 0 : i / union;
    }

    /// <summary>
    /// Drops boxes that nearly coincide with an earlier one. The colour and edge searches often find the same plate
    /// twice; judging it once is enough. Only near-identical boxes count as the same: a few pixels more or less
    /// can decide whether a character splits from the frame, so similar boxes are each worth judging.
    /// </summary>
    public static IReadOnlyList<RotatedRect> Deduplicate(IEnumerable<RotatedRect> boxes, double minIoU)
    {
        var kept = new List<RotatedRect>();
        foreach (var box in boxes)
        {
            if (kept.All(k => !CentresClose(k, box) || IoU(k, box) < minIoU))
            {
                kept.Add(box);
            }
        }

        return kept;
    }

    /// <summary>Cheap pre-test before the exact intersection: centres closer than half the larger box's length.</summary>
    private static bool CentresClose(RotatedRect a, RotatedRect b)
    {
        double dx = a.Center.X - b.Center.X, dy = a.Center.Y - b.Center.Y;
        double reach = 0.5 * Math.Max(Math.Max(a.Size.Width, a.Size.Height), Math.Max(b.Size.Width, b.Size.Height));
        return dx * dx + dy * dy < reach * reach;
    }
}
