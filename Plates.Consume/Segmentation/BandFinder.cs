using OpenCvSharp;
using Plates.Consume.Characters;
using Plates.Consume.Imaging;

namespace Plates.Consume.Segmentation;

/// <summary>Finds the rows of a binarised plate that hold its characters.</summary>
public static class BandFinder
{
    /// <summary>
    /// The rows holding the characters, or null when no row run looks like a line of text. Text rows cross many
    /// strokes; frame lines, bolts and the plate's edges cross few. The run is then trimmed to where the tall blobs (the
    /// characters) actually start and end, which drops frame rows that happen to be busy.
    /// </summary>
    public static CharacterBand? Find(Mat binary, BandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bits = BinaryBits.FromMat(binary);
        int width = binary.Cols, height = binary.Rows;
        var transitions = BinaryBits.RowTransitions(bits, width, height);

        int bestTop = -1, bestBottom = -1, runTop = -1, holes = 0;
        for (int y = 0; y <= height; y++)
        {
            bool busy = y < height && transitions[y] >= options.MinRowTransitions;
            if (busy)
            {
                if (runTop < 0) runTop = y;
                holes = 0;
                int runBottom = y;
                if (runBottom - runTop > bestBottom - bestTop) (bestTop, bestBottom) = (runTop, runBottom);
            }
            else if (runTop >= 0 && ++holes > options.MaxQuietRows)
            {
                runTop = -1;
                holes = 0;
            }
        }
        if (bestTop < 0 || bestBottom - bestTop + 1 < height * options.MinBandFraction) return null;

        // Blobs about as tall as the run are characters; their median top and bottom are steadier than row counts.
        int runHeight = bestBottom - bestTop + 1;
        var tall = Blobs.Find(bits, width, height, new Rect(0, 0, width, height))
            .Where(c => c.Bounds.Height >= options.TallMinHeight * runHeight && c.Bounds.Height <= options.TallMaxHeight * height
                        && c.Bounds.Width <= options.TallMaxWidth * c.Bounds.Height
                        && c.Bounds.Bottom > bestTop && c.Bounds.Top <= bestBottom)
            .ToList();
        if (tall.Count >= options.MinTallBlobs)
        {
            int top = Median(tall.Select(c => c.Bounds.Top));
            int bottom = Median(tall.Select(c => c.Bounds.Bottom - 1));
            if (bottom - top + 1 >= height * options.MinBandFraction) (bestTop, bestBottom) = (top, bottom);
        }
        return TrimFrameRows(bits, width, new CharacterBand(bestTop, bestBottom), height, options);
    }

    /// <summary>Drops rows at either end of the band that are mostly ink: a frame line the characters touch.</summary>
    private static CharacterBand TrimFrameRows(byte[] bits, int width, CharacterBand band, int height, BandOptions options)
    {
        double Fill(int y)
        {
            int ink = 0;
            for (int x = 0; x < width; x++) ink += bits[y * width + x];
            return ink / (double)width;
        }
        int top = band.Top, bottom = band.Bottom, maxTrim = Math.Max(1, band.Height / options.MaxTrimParts);
        while (top < band.Top + maxTrim && Fill(top) > options.MaxTextRowFill) top++;
        while (bottom > band.Bottom - maxTrim && Fill(bottom) > options.MaxTextRowFill) bottom--;
        return bottom - top + 1 >= height * options.MinBandFraction ? new CharacterBand(top, bottom) : band;
    }

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }
}
