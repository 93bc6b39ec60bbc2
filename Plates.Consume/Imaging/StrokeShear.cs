using OpenCvSharp;

namespace Plates.Consume.Imaging;

/// <summary>Settings of <see cref="StrokeShear"/>.</summary>
public sealed record StrokeShearOptions
{
    /// <summary>
    /// Shears tried, as horizontal shift per unit of height: ±1 is a slant of 45°, which the data does reach for a plate
    /// photographed close and from the side, in steps of 0.05. Coarse to fine (4 steps, then ±3 steps around the best):
    /// the projection score is smooth in the shear, so this finds the same maximum for a third of the work. Ties and
    /// near-ties go to the smaller shear (5 % of the score per unit of shear): a plate seen straight on should not be
    /// bent by noise.
    /// </summary>
    public ShearSearchOptions Search { get; init; } = new()
    {
        MaxShear = 1.0,
        Step = 0.05,
        ProportionalPenalty = 0.05,
        CoarseFactor = 4,
        FineReach = 3,
    };

    /// <summary>Fewest stroke pixels worth judging; with fewer the mask is taken to be upright.</summary>
    public int MinPoints { get; init; } = 20;
}

/// <summary>
/// The horizontal shear (x shift per unit of y, about the middle row) that makes the characters of an upright plate
/// patch stand upright: the perspective of a plate seen from the side.
/// </summary>
public static class StrokeShear
{
    /// <summary>
    /// Shear of a binary mask. The right shear gathers each character's strokes into as few columns as possible and opens
    /// clean gaps between characters (<see cref="ShearSearch"/> on the column projection). Blobs touching the border
    /// are car body, bumper or frame, which would outweigh the strokes, and are left out.
    /// </summary>
    public static double FromMask(Mat characterMask, StrokeShearOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var strokes = Blobs.WithoutBorderComponents(characterMask);
        if (Cv2.CountNonZero(strokes) < Math.Max(1, options.MinPoints)) return 0;

        // Under shear s a stroke pixel at (x, y) falls in column x + s·(y − cy): each row is a line that moves as one.
        double cy = characterMask.Rows / 2.0;
        strokes.GetArray(out byte[] pixels);
        int width = strokes.Cols, height = strokes.Rows;
        var rows = new ShearLines();
        for (int y = 0; y < height; y++)
        {
            rows.AddLine(y - cy);
            for (int x = 0; x < width; x++)
                if (pixels[y * width + x] != 0) rows.Vote(x);
        }

        // Padded so that every shear tried keeps every pixel inside the projection.
        int pad = (int)Math.Ceiling(options.Search.MaxShear * cy) + 1;
        return ShearSearch.Best(rows, pad, width + 2 * pad + 1, options.Search);
    }

    /// <summary>
    /// Shear of an upright BGR patch judged from its vertical edges rather than from a binarisation: the sides of the
    /// strokes are what must stand upright, and edges ignore what a threshold cannot, such as the horizontal frame
    /// lines and a bright car body merged with the strokes.
    /// </summary>
    public static double FromEdges(Mat bgrPatch, StrokeShearOptions options)
    {
        using var gray = new Mat();
        Cv2.CvtColor(bgrPatch, gray, ColorConversionCodes.BGR2GRAY);
        using var edges = VerticalEdges.Find(gray);
        return FromMask(edges, options);
    }
}
