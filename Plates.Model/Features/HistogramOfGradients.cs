namespace Plates.Model.Features;

/// <summary>
/// Histogram of oriented gradients on a small square grey image, in managed code so that it is thread-safe,
/// allocation-light and identical wherever the saved model runs.
/// </summary>
public static class HistogramOfGradients
{
    public const int Bins = 9;

    /// <summary>Number of values <see cref="Compute"/> writes for a side×side image with the given cell size (blocks of 2×2 cells, one-cell stride).</summary>
    public static int Length(int side, int cellSize)
    {
        int blocks = side / cellSize - 1;
        return blocks * blocks * 4 * Bins;
    }

    /// <summary>Writes the HOG of <paramref name="image"/> (side×side, row-major, values 0..1) into <paramref name="destination"/>.</summary>
    public static void Compute(ReadOnlySpan<float> image, int side, int cellSize, Span<float> destination)
    {
        int cells = side / cellSize;
        Span<float> histograms = stackalloc float[cells * cells * Bins];
        histograms.Clear();

        // The gradients of the cells' pixels first, then their directions all at once (GradientAngles), then the votes
        // in scan order as before.
        int covered = cells * cellSize;
        Span<float> gxs = stackalloc float[covered * covered];
        Span<float> gys = stackalloc float[covered * covered];
        for (int y = 0; y < covered; y++)
        {
            int up = Math.Max(y - 1, 0), down = Math.Min(y + 1, side - 1);
            for (int x = 0; x < covered; x++)
            {
                int left = Math.Max(x - 1, 0), right = Math.Min(x + 1, side - 1);
                gxs[y * covered + x] = image[y * side + right] - image[y * side + left];
                gys[y * covered + x] = image[down * side + x] - image[up * side + x];
            }
        }
        Span<float> angles = stackalloc float[covered * covered];
        GradientAngles.Atan2(gys, gxs, angles);

        for (int y = 0; y < covered; y++)
        {
            for (int x = 0; x < covered; x++)
            {
                float gx = gxs[y * covered + x], gy = gys[y * covered + x];
                float magnitude = MathF.Sqrt(gx * gx + gy * gy);
                if (magnitude == 0f) continue;

                // Unsigned orientation: a white stroke on black and a black stroke on white give the same histogram.
                float angle = angles[y * covered + x] * (180f / MathF.PI);
                if (angle < 0f) angle += 180f;
                float position = angle / (180f / Bins) - 0.5f;
                int low = (int)MathF.Floor(position);
                float share = position - low;
                int cell = (y / cellSize * cells + x / cellSize) * Bins;
                histograms[cell + ((low + Bins) % Bins)] += magnitude * (1f - share);
                histograms[cell + ((low + 1) % Bins)] += magnitude * share;
            }
        }

        int blocks = cells - 1, offset = 0;
        for (int by = 0; by < blocks; by++)
        {
            for (int bx = 0; bx < blocks; bx++)
            {
                Span<float> block = destination.Slice(offset, 4 * Bins);
                for (int cy = 0; cy < 2; cy++)
                    for (int cx = 0; cx < 2; cx++)
                        histograms.Slice(((by + cy) * cells + bx + cx) * Bins, Bins).CopyTo(block.Slice((cy * 2 + cx) * Bins, Bins));
                NormaliseL2Hys(block);
                offset += 4 * Bins;
            }
        }
    }

    /// <summary>L2 norm, clip at 0.2, renormalise (Dalal and Triggs): strong edges cannot drown the rest of the block.</summary>
    private static void NormaliseL2Hys(Span<float> block)
    {
        Scale(block, 1f);
        for (int i = 0; i < block.Length; i++) block[i] = Math.Min(block[i], 0.2f);
        Scale(block, 1f);
    }

    private static void Scale(Span<float> block, float norm)
    {
        float sum = 1e-6f;
        foreach (float v in block) sum += v * v;
        float factor = norm / MathF.Sqrt(sum);
        for (int i = 0; i < block.Length; i++) block[i] *= factor;
    }
}
