using OpenCvSharp;

namespace Plates.Consume.Segmentation;

public sealed partial class CharacterSegmenter
{
    /// <summary>
    /// Baseline tilt of a binarised plate, in vertical pixels per horizontal pixel (positive: the text descends to the
    /// right). Chosen as the vertical shear under which the row projection of stroke edges (left-right transitions) is
    /// sharpest: the character band then falls into as few rows as possible. Edges rather than ink, because bright
    /// scenery around a loose crop is ink without edges and would otherwise steer the choice.
    /// </summary>
    public double EstimateTilt(Mat binary)
    {
        var bits = Binary.ToBits(binary);
        int width = binary.Cols, height = binary.Rows;
        double centreX = (width - 1) / 2.0, best = double.MinValue, bestTilt = 0;
        var projection = new double[height + 2];
        var edges = new List<(double X, int Y)>();
        for (int y = 0; y < height; y++)
        for (int x = 1; x < width; x++)
            if (bits[y * width + x] != bits[y * width + x - 1]) edges.Add((x - centreX, y));
        int steps = (int)Math.Floor(_options.MaxTilt / TiltStep);
        foreach (double tilt in Enumerable.Range(0, 2 * steps + 1).Select(k => (k + 1) / 2 * (k % 2 == 0 ? -1 : 1) * TiltStep))
        {
            Array.Clear(projection);
            foreach (var (x, y) in edges) Spread(projection, y - tilt * x + 1);
            double score = SumOfSquares(projection) - Math.Abs(tilt) * 1e-3;
            if (score > best) (best, bestTilt) = (score, tilt);
        }
        return Math.Round(bestTilt, 2);
    }

    /// <summary>
    /// Baseline tilt of a plate image as given (<see cref="EstimateTilt(Mat)"/> on it binarised at the working size), in
    /// vertical pixels per horizontal pixel of <paramref name="plateBgr"/> itself rather than of the working image, whose
    /// aspect differs: the figure a caller needs to turn that image level.
    /// </summary>
    public double EstimateTilt(Mat plateBgr, PlateColor color)
    {
        ArgumentNullException.ThrowIfNull(plateBgr);
        int width = _options.WorkingWidth, height = _options.WorkingHeight;
        using var resized = new Mat();
        Cv2.Resize(plateBgr, resized, new Size(width, height), 0, 0, InterpolationFlags.Cubic);
        using var binary = Binarise(resized, color);
        double working = EstimateTilt(binary);
        return working * (plateBgr.Rows / (double)height) / (plateBgr.Cols / (double)width);
    }

    /// <summary>
    /// Character slant inside the rows <paramref name="band"/>, in horizontal pixels per vertical pixel (positive: tops lean
    /// right). Chosen as the horizontal shear under which the column projection is sharpest: upright strokes stack up and
    /// the gaps between characters empty.
    /// </summary>
    public double EstimateSlant(Mat binary, CharacterBand band)
    {
        var bits = Binary.ToBits(binary);
        int width = binary.Cols, height = binary.Rows;
        // Only character-sized blobs vote: scenery and frame remnants are large and their sides are not strokes.
        var labels = new int[width * height];
        // Labelled on the band's inner rows only: characters touching the frame would otherwise join into one blob.
        int margin = Math.Max(1, band.Height / 8);
        var inner = new CharacterBand(band.Top + margin, band.Bottom - margin);
        var components = Binary.Label(bits, width, height, new Rect(0, inner.Top, width, inner.Height), labels);
        var isCharacter = components.Select(c => IsCharacterLike(c, inner)).ToArray();
        int characterInk = components.Where((c, i) => isCharacter[i]).Sum(c => c.Area);
        // When the characters are run together into one blob (by a frame line, say), every blob fails the test; all ink then votes.
        if (characterInk >= MinCharacterInkShare * components.Sum(c => c.Area))
            for (int i = 0; i < bits.Length; i++)
                if (bits[i] != 0 && (labels[i] == 0 || !isCharacter[labels[i] - 1])) bits[i] = 0;
        double centreY = (band.Top + band.Bottom) / 2.0, best = double.MinValue, bestSlant = 0;
        var projection = new double[width + 2];
        int steps = (int)Math.Floor(_options.MaxSlant / SlantStep);
        // Smallest slants first, so that a tie (a blank band) keeps the image as it is.
        var ink = new List<(int X, double Y)>();
        for (int y = inner.Top; y <= inner.Bottom; y++)
        for (int x = 0; x < width; x++)
            if (bits[y * width + x] != 0) ink.Add((x, centreY - y));
        foreach (double slant in Enumerable.Range(0, 2 * steps + 1).Select(k => (k + 1) / 2 * (k % 2 == 0 ? -1 : 1) * SlantStep))
        {
            Array.Clear(projection);
            foreach (var (x, y) in ink) Spread(projection, x - slant * y + 1);
            double score = SumOfSquares(projection) * (1 - 0.1 * Math.Abs(slant));
            if (score > best) (best, bestSlant) = (score, slant);
        }
        return Math.Round(bestSlant, 3);
    }

    private const double SlantStep = 0.025;

    private const double TiltStep = 0.01;

    /// <summary>Share of the band's ink that must be in character-like blobs for the slant to be judged on them alone.</summary>
    private const double MinCharacterInkShare = 0.4;

    /// <summary>A blob the size of a character, or of a few characters run together.</summary>
    private static bool IsCharacterLike(Component c, CharacterBand band) =>
        c.Bounds.Height >= 0.5 * band.Height && c.Bounds.Width <= 1.2 * band.Height
        && c.Area <= 0.75 * c.Bounds.Width * c.Bounds.Height;

    /// <summary>Removes a baseline tilt: shifts each column vertically about the image centre. The caller owns the result.</summary>
    public static Mat Untilt(Mat image, double tilt)
    {
        double centreX = (image.Cols - 1) / 2.0;
        using var transform = new Mat(2, 3, MatType.CV_64FC1);
        transform.SetArray(new double[] { 1, 0, 0, -tilt, 1, tilt * centreX });
        var result = new Mat();
        Cv2.WarpAffine(image, result, transform, image.Size(), InterpolationFlags.Linear, BorderTypes.Replicate);
        return result;
    }

    /// <summary>Removes a character slant: shifts each row horizontally about <paramref name="centreY"/>. The caller owns the result.</summary>
    public static Mat Unslant(Mat image, double slant, double centreY)
    {
        using var transform = new Mat(2, 3, MatType.CV_64FC1);
        transform.SetArray(new double[] { 1, slant, -slant * centreY, 0, 1, 0 });
        var result = new Mat();
        Cv2.WarpAffine(image, result, transform, image.Size(), InterpolationFlags.Linear, BorderTypes.Replicate);
        return result;
    }

    /// <summary>Adds one pixel to a projection at a fractional position, split between the two nearest bins.</summary>
    private static void Spread(double[] projection, double position)
    {
        int index = (int)Math.Floor(position);
        double fraction = position - index;
        if (index >= 0 && index < projection.Length) projection[index] += 1 - fraction;
        if (index + 1 >= 0 && index + 1 < projection.Length) projection[index + 1] += fraction;
    }

    private static double SumOfSquares(double[] values)
    {
        double sum = 0;
        foreach (var v in values) sum += v * v;
        return sum;
    }
}
