using System.Buffers;
using OpenCvSharp;
using Plates.Consume.Imaging;

namespace Plates.Consume.Characters;

/// <summary>
/// Clears a plate's frame from a stroke mask. Two steps for two situations: before the character row is known (the
/// locator's hundreds of proposals, the deskewer's patch) only lines that are mostly ink can be told apart, cheaply;
/// once the band of the characters is known (the segmenter) everything around it goes, and the frame's sides are
/// recognised by running on above and below it.
/// </summary>
public static class FrameRemoval
{
    /// <summary>
    /// Clears, in place, rows that are mostly foreground (the top and bottom of a plate frame, a bumper edge) and
    /// columns near the ends that are mostly foreground (the frame sides). Characters touching the frame would
    /// otherwise merge with it into one large blob and stop counting as characters.
    /// </summary>
    public static void ClearFrameLines(Mat mask, CharacterMaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int rows = mask.Rows, cols = mask.Cols;
        using var rowSums = new Mat();
        Cv2.Reduce(mask, rowSums, ReduceDimension.Column, ReduceTypes.Avg, MatType.CV_32F);
        rowSums.GetArray(out float[] rowMeans);
        for (int y = 0; y < rows; y++)
        {
            if (rowMeans[y] > options.FrameRowFill * 255)
            {
                Cv2.Line(mask, new Point(0, y), new Point(cols - 1, y), Scalar.All(0));
            }
        }

        using var colSums = new Mat();
        Cv2.Reduce(mask, colSums, ReduceDimension.Row, ReduceTypes.Avg, MatType.CV_32F);
        colSums.GetArray(out float[] colMeans);
        int margin = (int)(cols * options.FrameSideShare);
        for (int x = 0; x < cols; x++)
        {
            if ((x < margin || x >= cols - margin) && colMeans[x] > options.FrameColumnFill * 255)
            {
                Cv2.Line(mask, new Point(x, 0), new Point(x, rows - 1), Scalar.All(0));
            }
        }
    }

    /// <summary>
    /// Clears everything outside the character band (frame, bolts, scenery), the frame's sides, specks too small to be
    /// part of a character, and blocks of solid ink no character makes (a holder's edge). The caller owns the returned
    /// image.
    /// </summary>
    public static Mat ClearAroundBand(Mat binary, CharacterBand band, BandFrameOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bits = BinaryBits.FromMat(binary);
        int width = binary.Cols, height = binary.Rows;
        var all = new Rect(0, 0, width, height);

        // One pooled label buffer for both labellings: each is read only where it was written.
        int[] labels = ArrayPool<int>.Shared.Rent(width * height);
        try
        {
            // The frame's sides are thin uprights that run on above and below the characters; a '1' stops with them.
            var uprights = Blobs.Find(bits, width, height, all, labels.AsSpan())
                .Select(c => c.Bounds.Width <= Math.Max(2, options.SideWidth * band.Height)
                             && c.Bounds.Height >= options.SideHeight * band.Height
                             && (c.Bounds.Top < band.Top - 1 || c.Bounds.Bottom - 1 > band.Bottom + 1))
                .ToArray();
            for (int i = 0; i < bits.Length; i++)
                if (labels[i] != 0 && uprights[labels[i] - 1]) bits[i] = 0;
            ClearSideColumns(bits, width, height, band, options);

            for (int y = 0; y < height; y++)
            {
                if (y >= band.Top && y <= band.Bottom) continue;
                Array.Clear(bits, y * width, width);
            }

            // Only the band's rows hold ink now: labelling them alone finds the same blobs.
            var components = Blobs.Find(bits, width, height, new Rect(0, band.Top, width, band.Height), labels.AsSpan());
            int minArea = Math.Max(2, (int)(band.Height * band.Height * options.MinSpeckArea));
            var dropped = components.Select(c => c.Area < minArea || IsFrameLine(c, band, width, options) || IsSolidBlock(c, band, options)).ToArray();
            int from = Math.Max(0, band.Top) * width, to = Math.Min(height, band.Top + band.Height) * width;
            for (int i = from; i < to; i++)
                if (labels[i] != 0 && dropped[labels[i] - 1]) bits[i] = 0;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(labels);
        }
        return BinaryBits.ToMat(bits, width, height);
    }

    /// <summary>
    /// The first column of the frame's right side where it stands beside the row's last character inside the band, or
    /// null when there is none. <see cref="ClearAroundBand"/> clears a side that runs on above and below the band; one
    /// that stops inside it (a rounded corner, a side broken by blur) stays, and the last character's box takes it in:
    /// a 0 beside it read 1 or 汉 on crops-zj. Scanning from the right end, runs of inked columns (each inked over more
    /// than <see cref="BandFrameOptions.SideGapFill"/> of the band's rows) are looked at in turn: the first that is
    /// thinner than the plate's strokes (<see cref="BandFrameOptions.SideStrokeShare"/> of the median run of ink along
    /// the band's rows), tall (<see cref="BandFrameOptions.SideFill"/>) and not left of <paramref name="from"/> is the
    /// side; thin runs that are not tall (specks) are passed over; a run as wide as a stroke is a character, and nothing
    /// left of it is looked at.
    /// </summary>
    /// <param name="bits">The cleaned plate (<see cref="ClearAroundBand"/>) as 0/1 bits, row-major.</param>
    /// <param name="width">The plate's width in pixels.</param>
    /// <param name="projection">Its ink per column within the band.</param>
    /// <param name="band">The character band.</param>
    /// <param name="from">The leftmost column the side may start at (<see cref="BandFrameOptions.SideInsideLastBox"/>).</param>
    /// <param name="options">What counts as a side.</param>
    internal static int? RightSideStart(byte[] bits, int width, double[] projection, CharacterBand band, int from, BandFrameOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int height = band.Height;
        double gap = options.SideGapFill * height;
        int widest = -1;
        for (int x = width - 1; x >= Math.Max(1, from); x--)
        {
            if (projection[x] <= gap) continue;
            int right = x, left = x;
            double tallest = projection[x];
            while (left > 0 && projection[left - 1] > gap)
            {
                left--;
                tallest = Math.Max(tallest, projection[left]);
            }
            // The first inked run from the right that is as wide as a stroke is a character: the frame is not beyond it.
            if (widest < 0) widest = (int)Math.Floor(options.SideStrokeShare * MedianRun(bits, width, band));
            if (right - left + 1 > widest) return null;
            if (tallest >= options.SideFill * height && left >= from) return left;
            x = left;
        }
        return null;
    }

    /// <summary>The median length of the runs of ink along the band's rows: the plate's stroke width (0 without ink).</summary>
    private static double MedianRun(byte[] bits, int width, CharacterBand band)
    {
        var counts = new int[width + 1];
        int runs = 0;
        for (int y = Math.Max(0, band.Top); y <= band.Bottom && (y + 1) * width <= bits.Length; y++)
        {
            int run = 0;
            for (int x = 0; x <= width; x++)
            {
                if (x < width && bits[y * width + x] != 0) { run++; continue; }
                if (run > 0) { counts[run]++; runs++; }
                run = 0;
            }
        }
        if (runs == 0) return 0;
        for (int length = 1, seen = 0; length <= width; length++)
        {
            seen += counts[length];
            if (2 * seen >= runs) return length;
        }
        return width;
    }

    /// <summary>
    /// Clears columns near the left and right ends whose ink runs unbroken from above the character band to below it:
    /// the frame's sides, even where a character touches them (a J or 5 merged with the right side reads as U or 9).
    /// A character's stroke, even a '1', stops at the band.
    /// </summary>
    private static void ClearSideColumns(byte[] bits, int width, int height, CharacterBand band, BandFrameOptions options)
    {
        int margin = options.SideMargin;
        int reach = Math.Max(2, (int)(width * options.SideReach));
        int middle = (band.Top + band.Bottom) / 2;
        foreach (int x in Enumerable.Range(0, reach).Concat(Enumerable.Range(width - reach, reach)))
        {
            // The run through the middle row, allowing one-pixel breaks from blur.
            int top = middle, bottom = middle, misses = 0;
            if (bits[middle * width + x] == 0) continue;
            for (int y = middle - 1; y >= 0 && misses <= 1; y--)
                if (bits[y * width + x] != 0) { top = y; misses = 0; } else misses++;
            misses = 0;
            for (int y = middle + 1; y < height && misses <= 1; y++)
                if (bits[y * width + x] != 0) { bottom = y; misses = 0; } else misses++;
            bool beyondTop = top <= Math.Max(0, band.Top - margin);
            bool beyondBottom = bottom >= Math.Min(height - 1, band.Bottom + margin);
            if (!(beyondTop && beyondBottom)) continue;
            for (int y = 0; y < height; y++) bits[y * width + x] = 0;
        }
    }

    /// <summary>
    /// A block of solid ink as tall as the characters and wider than a stroke: the holder or frame beside a white plate,
    /// a shadow's edge. Every character, even a thick '1', leaves some of its box empty.
    /// </summary>
    private static bool IsSolidBlock(Component c, CharacterBand band, BandFrameOptions options) =>
        c.Bounds.Width > options.SolidMinWidth * band.Height && c.Bounds.Height >= options.SolidMinHeight * band.Height
        && c.Area >= options.SolidFill * c.Bounds.Width * c.Bounds.Height;

    /// <summary>
    /// A remnant of the frame: a blob spanning several character widths but thin, or a full-height sliver hugging the
    /// left or right edge of the image.
    /// </summary>
    private static bool IsFrameLine(Component c, CharacterBand band, int width, BandFrameOptions options)
    {
        bool longAndFlat = c.Bounds.Width > options.LineWidth * band.Height && c.Bounds.Height < options.LineHeight * band.Height;
        bool edgeSliver = (c.Bounds.Left == 0 || c.Bounds.Right == width)
                          && c.Bounds.Width <= Math.Max(2, (int)(band.Height * options.SliverWidth)) && c.Bounds.Height >= options.SliverHeight * band.Height;
        return longAndFlat || edgeSliver;
    }
}
