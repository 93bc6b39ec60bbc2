using Plates.Model.Features;

namespace Plates.Tests.Features;

/// <summary>
/// The cell histograms of <see cref="HistogramOfGradients"/> as they were computed before the directions were taken
/// eight at a time (commit 3ac4d3b): one <see cref="MathF.Atan2"/> per pixel. The shipped models were trained on them;
/// the shipped code must stay within a tolerance of them. The blocks and their L2-Hys normalisation are as they were.
/// </summary>
internal static class ScalarHogReference
{
    /// <summary>The HOG values (blocks of 2×2 cells, L2-Hys normalised) of a side×side image, one direction at a time.</summary>
    public static float[] Compute(ReadOnlySpan<float> image, int side, int cellSize)
    {
        const int bins = HistogramOfGradients.Bins;
        int cells = side / cellSize;
        var histograms = new float[cells * cells * bins];
        for (int y = 0; y < cells * cellSize; y++)
        {
            int up = Math.Max(y - 1, 0), down = Math.Min(y + 1, side - 1);
            for (int x = 0; x < cells * cellSize; x++)
            {
                int left = Math.Max(x - 1, 0), right = Math.Min(x + 1, side - 1);
                float gx = image[y * side + right] - image[y * side + left];
                float gy = image[down * side + x] - image[up * side + x];
                float magnitude = MathF.Sqrt(gx * gx + gy * gy);
                if (magnitude == 0f) continue;
                float angle = MathF.Atan2(gy, gx) * (180f / MathF.PI);
                if (angle < 0f) angle += 180f;
                float position = angle / (180f / bins) - 0.5f;
                int low = (int)MathF.Floor(position);
                float share = position - low;
                int cell = (y / cellSize * cells + x / cellSize) * bins;
                histograms[cell + ((low + bins) % bins)] += magnitude * (1f - share);
                histograms[cell + ((low + 1) % bins)] += magnitude * share;
            }
        }
        int blocks = cells - 1;
        var values = new float[blocks * blocks * 4 * bins];
        for (int by = 0; by < blocks; by++)
            for (int bx = 0; bx < blocks; bx++)
            {
                var block = values.AsSpan((by * blocks + bx) * 4 * bins, 4 * bins);
                for (int cy = 0; cy < 2; cy++)
                    for (int cx = 0; cx < 2; cx++)
                        histograms.AsSpan(((by + cy) * cells + bx + cx) * bins, bins).CopyTo(block.Slice((cy * 2 + cx) * bins, bins));
                Scale(block);
                for (int i = 0; i < block.Length; i++) block[i] = Math.Min(block[i], 0.2f);
                Scale(block);
            }
        return values;
    }

    private static void Scale(Span<float> block)
    {
        float sum = 1e-6f;
        foreach (float v in block) sum += v * v;
        float factor = 1f / MathF.Sqrt(sum);
        for (int i = 0; i < block.Length; i++) block[i] *= factor;
    }
}
