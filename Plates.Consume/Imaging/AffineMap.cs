using OpenCvSharp;

namespace Plates.Consume.Imaging;

/// <summary>
/// A 2×3 affine map, x' = M00·x + M01·y + M02 and y' = M10·x + M11·y + M12: the one form in which every stage builds,
/// composes and applies its warps, so that a chain of corrections (box to patch, shear, crop) is resampled once.
/// </summary>
public readonly record struct AffineMap(double M00, double M01, double M02, double M10, double M11, double M12)
{
    public static AffineMap Identity { get; } = new(1, 0, 0, 0, 1, 0);

    /// <summary>The map taking a rotated box's top-left, top-right and bottom-left corners to those of a patch.</summary>
    public static AffineMap BoxToPatch(RotatedRect box, Size patchSize)
    {
        var c = RotatedBoxes.Corners(box);
        Point2f[] src = [c[0], c[1], c[3]];
        Point2f[] dst = [new(0, 0), new(patchSize.Width, 0), new(0, patchSize.Height)];
        using var m = Cv2.GetAffineTransform(src, dst);
        return new AffineMap(m.At<double>(0, 0), m.At<double>(0, 1), m.At<double>(0, 2), m.At<double>(1, 0), m.At<double>(1, 1), m.At<double>(1, 2));
    }

    /// <summary>The map taking a rectangle onto a whole image of the given size.</summary>
    public static AffineMap Crop(Rect2d bounds, Size outputSize)
    {
        double sx = outputSize.Width / bounds.Width, sy = outputSize.Height / bounds.Height;
        return new AffineMap(sx, 0, -bounds.X * sx, 0, sy, -bounds.Y * sy);
    }

    /// <summary>
    /// x' = x + shear·(y − centreY): shifts rows sideways about row <paramref name="centreY"/>, so that a slant of
    /// <paramref name="shear"/> (horizontal pixels per vertical pixel) becomes vertical.
    /// </summary>
    public static AffineMap HorizontalShear(double shear, double centreY) => new(1, shear, -shear * centreY, 0, 1, 0);

    /// <summary>
    /// y' = y − tilt·(x − centreX): shifts columns up or down about column <paramref name="centreX"/>, so that a baseline
    /// descending by <paramref name="tilt"/> (vertical pixels per horizontal pixel) becomes level.
    /// </summary>
    public static AffineMap VerticalShear(double tilt, double centreX) => new(1, 0, 0, -tilt, 1, tilt * centreX);

    /// <summary>Composition of two maps: first <paramref name="inner"/>, then <paramref name="outer"/>.</summary>
    public static AffineMap Compose(AffineMap outer, AffineMap inner) => new(
        outer.M00 * inner.M00 + outer.M01 * inner.M10,
        outer.M00 * inner.M01 + outer.M01 * inner.M11,
        outer.M00 * inner.M02 + outer.M01 * inner.M12 + outer.M02,
        outer.M10 * inner.M00 + outer.M11 * inner.M10,
        outer.M10 * inner.M01 + outer.M11 * inner.M11,
        outer.M10 * inner.M02 + outer.M11 * inner.M12 + outer.M12);

    /// <summary>This map followed by <paramref name="next"/>.</summary>
    public AffineMap Then(AffineMap next) => Compose(next, this);

    /// <summary>Where the map takes a point.</summary>
    public Point2d Apply(Point2d p) => new(M00 * p.X + M01 * p.Y + M02, M10 * p.X + M11 * p.Y + M12);

    /// <summary>The six coefficients, row-major.</summary>
    public double[] ToArray() => [M00, M01, M02, M10, M11, M12];

    /// <summary>The map as a 2×3 CV_64FC1 matrix, as <see cref="Cv2.WarpAffine"/> takes it (the caller disposes it).</summary>
    public Mat ToMat()
    {
        var m = new Mat(2, 3, MatType.CV_64FC1);
        m.SetArray(ToArray());
        return m;
    }

    /// <summary>Resamples <paramref name="source"/> through the map into a new image of <paramref name="size"/> (the caller disposes it).</summary>
    public Mat Warp(Mat source, Size size, InterpolationFlags interpolation, BorderTypes border, Scalar borderValue = default)
    {
        var result = new Mat();
        WarpInto(source, result, size, interpolation, border, borderValue);
        return result;
    }

    /// <summary>Resamples <paramref name="source"/> through the map into <paramref name="destination"/>, sized <paramref name="size"/>.</summary>
    public void WarpInto(Mat source, Mat destination, Size size, InterpolationFlags interpolation, BorderTypes border, Scalar borderValue = default)
    {
        using var m = ToMat();
        Cv2.WarpAffine(source, destination, m, size, interpolation, border, borderValue);
    }
}
