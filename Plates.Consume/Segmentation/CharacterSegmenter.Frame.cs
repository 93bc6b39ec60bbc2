using OpenCvSharp;

namespace Plates.Consume.Segmentation;

public sealed partial class CharacterSegmenter
{
    /// <summary>
    /// Finds the rows holding the characters, or null when no row run looks like a line of text. Text rows cross many
    /// strokes; frame lines, bolts and the plate's edges cross few. The run is then trimmed to where the tall blobs (the
    /// characters) actually start and end, which drops frame rows that happen to be busy.
    /// </summary>
    public CharacterBand? FindCharacterBand(Mat binary)
    {
        var bits = Binary.ToBits(binary);
        int width = binary.Cols, height = binary.Rows;
        var transitions = Binary.RowTransitions(bits, width, height);
        // Stroke crossings do not grow with resolution, so the count is the same at every image size.
        int minTransitions = MinRowTransitions;

        int bestTop = -1, bestBottom = -1, runTop = -1, holes = 0;
        for (int y = 0; y <= height; y++)
        {
            bool busy = y < height && transitions[y] >= minTransitions;
            if (busy)
            {
                if (runTop < 0) runTop = y;
                holes = 0;
                int runBottom = y;
                if (runBottom - runTop > bestBottom - bestTop) (bestTop, bestBottom) = (runTop, runBottom);
            }
            else if (runTop >= 0 && ++holes > 1)
            {
                runTop = -1;
                holes = 0;
            }
        }
        if (bestTop < 0 || bestBottom - bestTop + 1 < height * MinBandFraction) return null;

        // Blobs about as tall as the run are characters; their median top and bottom are steadier than row counts.
        int runHeight = bestBottom - bestTop + 1;
        var tall = Binary.Label(bits, width, height, new Rect(0, 0, width, height))
            .Where(c => c.Bounds.Height >= 0.5 * runHeight && c.Bounds.Height <= 0.95 * height
                        && c.Bounds.Width <= 0.8 * c.Bounds.Height
                        && c.Bounds.Bottom > bestTop && c.Bounds.Top <= bestBottom)
            .ToList();
        if (tall.Count >= 3)
        {
            int top = Median(tall.Select(c => c.Bounds.Top));
            int bottom = Median(tall.Select(c => c.Bounds.Bottom - 1));
            if (bottom - top + 1 >= height * MinBandFraction) (bestTop, bestBottom) = (top, bottom);
        }
        return TrimFrameRows(bits, width, new CharacterBand(bestTop, bestBottom), height);
    }

    /// <summary>
    /// Drops rows at either end of the band that are mostly ink: a frame line the characters touch. Text rows are at
    /// most about half ink, even where a row runs along the bars of E, F, T, Z.
    /// </summary>
    private static CharacterBand TrimFrameRows(byte[] bits, int width, CharacterBand band, int height)
    {
        double Fill(int y)
        {
            int ink = 0;
            for (int x = 0; x < width; x++) ink += bits[y * width + x];
            return ink / (double)width;
        }
        int top = band.Top, bottom = band.Bottom, maxTrim = Math.Max(1, band.Height / 6);
        while (top < band.Top + maxTrim && Fill(top) > MaxTextRowFill) top++;
        while (bottom > band.Bottom - maxTrim && Fill(bottom) > MaxTextRowFill) bottom--;
        return bottom - top + 1 >= height * MinBandFraction ? new CharacterBand(top, bottom) : band;
    }

    private const double MaxTextRowFill = 0.55;

    /// <summary>Widest and shortest a frame side may be, in character heights.</summary>
    private const double FrameSideWidth = 0.2;

    private const double FrameSideHeight = 1.1;

    /// <summary>
    /// Clears everything outside the character band (frame, bolts, scenery) and specks too small to be part of a
    /// character. The caller owns the returned image.
    /// </summary>
    public Mat RemoveFrame(Mat binary, CharacterBand band)
    {
        var bits = Binary.ToBits(binary);
        int width = binary.Cols, height = binary.Rows;

        // The frame's sides are thin uprights that run on above and below the characters; a '1' stops with them.
        var whole = new int[width * height];
        var uprights = Binary.Label(bits, width, height, new Rect(0, 0, width, height), whole)
            .Select(c => c.Bounds.Width <= Math.Max(2, FrameSideWidth * band.Height)
                         && c.Bounds.Height >= FrameSideHeight * band.Height
                         && (c.Bounds.Top < band.Top - 1 || c.Bounds.Bottom - 1 > band.Bottom + 1))
            .ToArray();
        for (int i = 0; i < bits.Length; i++)
            if (whole[i] != 0 && uprights[whole[i] - 1]) bits[i] = 0;
        ClearFrameColumns(bits, width, height, band);

        for (int y = 0; y < height; y++)
        {
            if (y >= band.Top && y <= band.Bottom) continue;
            Array.Clear(bits, y * width, width);
        }

        var labels = new int[width * height];
        var components = Binary.Label(bits, width, height, new Rect(0, 0, width, height), labels);
        int minArea = Math.Max(2, band.Height * band.Height / 200);
        for (int i = 0; i < bits.Length; i++)
        {
            if (labels[i] == 0) continue;
            var c = components[labels[i] - 1];
            if (c.Area < minArea || IsFrameLine(c, band, width)) bits[i] = 0;
        }
        return Binary.ToMat(bits, width, height);
    }

    /// <summary>
    /// Clears columns near the left and right ends whose ink runs unbroken from above the character band to below it:
    /// the frame's sides, even where a character touches them (a J or 5 merged with the right side reads as U or 9).
    /// A character's stroke, even a '1', stops at the band.
    /// </summary>
    private static void ClearFrameColumns(byte[] bits, int width, int height, CharacterBand band)
    {
        int margin = FrameSideMargin;
        int reach = Math.Max(2, (int)(width * FrameSideReach));
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

    /// <summary>Share of the width, at each end, searched for the frame's sides.</summary>
    private const double FrameSideReach = 0.06;

    /// <summary>Rows beyond the band, above and below, that a frame side reaches.</summary>
    private const int FrameSideMargin = 1;

    /// <summary>
    /// A remnant of the frame: a blob spanning several character widths but thin, or a full-height sliver hugging the
    /// left or right edge of the image.
    /// </summary>
    private static bool IsFrameLine(Component c, CharacterBand band, int width)
    {
        bool longAndFlat = c.Bounds.Width > 1.5 * band.Height && c.Bounds.Height < 0.3 * band.Height;
        bool edgeSliver = (c.Bounds.Left == 0 || c.Bounds.Right == width)
                          && c.Bounds.Width <= Math.Max(2, band.Height / 10) && c.Bounds.Height >= 0.8 * band.Height;
        return longAndFlat || edgeSliver;
    }

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>Row crossings needed for a row to count as text: seven characters, most crossed twice or more.</summary>
    private const int MinRowTransitions = 9;

    /// <summary>Smallest share of the image height the character band may take.</summary>
    private const double MinBandFraction = 0.35;
}
