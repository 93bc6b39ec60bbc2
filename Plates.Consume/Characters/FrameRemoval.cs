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
