using System.Runtime.Intrinsics;

namespace Plates.Model.Features;

/// <summary>
/// Gradient-direction features as used in character recognition: the image is enlarged, each pixel's gradient is split
/// between the two nearest of eight signed directions, and each direction plane is pooled on a coarse grid with
/// bilinear (soft) voting so that a one-pixel shift moves features smoothly. A square root then evens out the
/// magnitudes, which suits linear classifiers.
/// </summary>
public static class DirectionalGradients
{
    public const int Directions = 8;
    public const int Enlarged = 32;
    public const int Grid = 8;
    public const int Length = Directions * Grid * Grid;

    /// <summary>Writes the features of <paramref name="image"/> (side×side, row-major, values 0..1) into <paramref name="destination"/>.</summary>
    /// <remarks>
    /// The enlargement, the Sobel sums and the magnitudes are computed eight pixels at a time, each with the same
    /// operations in the same order as one pixel at a time, so they are the same to the bit as the scalar form the
    /// shipped models were trained on. The directions come from <see cref="GradientAngles"/>, eight at a time, within
    /// 3e-7 of the true angle where <see cref="MathF.Atan2"/> was used: <c>GradientFeaturesEquivalenceTests</c> compares the
    /// features with the scalar form on every training character (within 1e-5), and the readings of the crops, scenes
    /// and kinds photos stayed the same. The votes (weights from a table of the same products) stay scalar, in scan
    /// order, because they add up in floating point.
    /// </remarks>
    public static void Compute(ReadOnlySpan<float> image, int side, Span<float> destination)
    {
        if (destination.Length != Length)
            throw new ArgumentException($"Expected room for {Length} values.", nameof(destination));
        if (image.Length != side * side)
            throw new ArgumentException($"Expected {side * side} pixels, got {image.Length}.", nameof(image));

        Span<float> big = stackalloc float[Enlarged * Enlarged];
        Enlarge(image, side, big);

        // Sobel: a little smoothing across the gradient steadies the direction on blurred strokes. Inner pixels only,
        // x from 1 to Enlarged − 2, stored at x − 1 of rows Inner wide.
        const int inner = Enlarged - 2;
        Span<float> gxs = stackalloc float[inner * inner];
        Span<float> gys = stackalloc float[inner * inner];
        Span<float> magnitudes = stackalloc float[inner * inner];
        Sobel(big, gxs, gys, magnitudes);

        Span<float> angles = stackalloc float[inner * inner];
        GradientAngles.Atan2(gys, gxs, angles);

        destination.Clear();
        var votes = s_votes.Value;
        for (int at = 0; at < inner * inner; at++)
        {
            float magnitude = magnitudes[at];
            if (magnitude < 1e-4f) continue;

            float angle = angles[at];
            if (angle < 0) angle += 2 * MathF.PI;
            float position = angle / (2 * MathF.PI / Directions);
            int d0 = (int)position % Directions;
            int d1 = (d0 + 1) % Directions;
            float dShare = position - MathF.Floor(position);
            float keep = 1 - dShare;

            for (int k = votes.Starts[at]; k < votes.Starts[at + 1]; k++)
            {
                float w = votes.Weights[k] * magnitude;
                int baseIndex = votes.Cells[k];
                destination[baseIndex + d0] += w * keep;
                destination[baseIndex + d1] += w * dShare;
            }
        }

        float sum = 1e-6f;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = MathF.Sqrt(destination[i]);
            sum += destination[i] * destination[i];
        }
        float scale = 1f / MathF.Sqrt(sum);
        for (int i = 0; i < destination.Length; i++) destination[i] *= scale;
    }

    /// <summary>
    /// Where each inner pixel's gradient votes on the pooling grid (bilinear, up to four cells, in the order the cells
    /// were always visited) and with which weight: the same products the vote loop once computed pixel by pixel, kept
    /// once (immutable) since they depend on the pixel's place alone.
    /// </summary>
    private sealed record VoteTable(int[] Starts, int[] Cells, float[] Weights);

    private static readonly Lazy<VoteTable> s_votes = new(BuildVotes);

    private static VoteTable BuildVotes()
    {
        const int inner = Enlarged - 2;
        const float cell = Enlarged / (float)Grid;
        var starts = new int[inner * inner + 1];
        var cells = new List<int>();
        var weights = new List<float>();
        for (int y = 1; y < Enlarged - 1; y++)
        {
            float gyPos = (y + 0.5f) / cell - 0.5f;
            int cy0 = (int)MathF.Floor(gyPos);
            float fy = gyPos - cy0;
            for (int x = 1; x < Enlarged - 1; x++)
            {
                float gxPos = (x + 0.5f) / cell - 0.5f;
                int cx0 = (int)MathF.Floor(gxPos);
                float fx = gxPos - cx0;
                for (int j = 0; j < 2; j++)
                {
                    int cy = cy0 + j;
                    if (cy < 0 || cy >= Grid) continue;
                    float wy = j == 0 ? 1 - fy : fy;
                    for (int i = 0; i < 2; i++)
                    {
                        int cx = cx0 + i;
                        if (cx < 0 || cx >= Grid) continue;
                        weights.Add(wy * (i == 0 ? 1 - fx : fx));
                        cells.Add((cy * Grid + cx) * Directions);
                    }
                }
                starts[(y - 1) * inner + x] = cells.Count;
            }
        }
        return new VoteTable(starts, cells.ToArray(), weights.ToArray());
    }

    /// <summary>
    /// The Sobel gradients and their magnitudes of the inner pixels, eight at a time: the sums are written in the order
    /// of the scalar expression (left to right, no fused multiply–add), so each lane equals the scalar result.
    /// </summary>
    private static void Sobel(ReadOnlySpan<float> big, Span<float> gxs, Span<float> gys, Span<float> magnitudes)
    {
        const int inner = Enlarged - 2, lanes = 8;
        var two = Vector256.Create(2f);
        for (int y = 1; y < Enlarged - 1; y++)
        {
            var up = big.Slice((y - 1) * Enlarged, Enlarged);
            var row = big.Slice(y * Enlarged, Enlarged);
            var down = big.Slice((y + 1) * Enlarged, Enlarged);
            // Chunks of eight starting at x = 1, the last one moved back to end at x = Enlarged − 2 (it overlaps the one before).
            for (int start = 1; start < Enlarged - 1; start += lanes)
            {
                int x = Math.Min(start, Enlarged - 1 - lanes);
                var upLeft = Vector256.Create(up.Slice(x - 1, lanes));
                var upMid = Vector256.Create(up.Slice(x, lanes));
                var upRight = Vector256.Create(up.Slice(x + 1, lanes));
                var left = Vector256.Create(row.Slice(x - 1, lanes));
                var right = Vector256.Create(row.Slice(x + 1, lanes));
                var downLeft = Vector256.Create(down.Slice(x - 1, lanes));
                var downMid = Vector256.Create(down.Slice(x, lanes));
                var downRight = Vector256.Create(down.Slice(x + 1, lanes));
                var gx = upRight + two * right + downRight - upLeft - two * left - downLeft;
                var gy = downLeft + two * downMid + downRight - upLeft - two * upMid - upRight;
                var magnitude = Vector256.Sqrt(gx * gx + gy * gy);
                int at = (y - 1) * inner + x - 1;
                gx.CopyTo(gxs.Slice(at, lanes));
                gy.CopyTo(gys.Slice(at, lanes));
                magnitude.CopyTo(magnitudes.Slice(at, lanes));
            }
        }
    }

    /// <summary>
    /// Bilinear enlargement, pixel centres aligned as OpenCV's INTER_LINEAR does: each source row interpolated across
    /// once, then each output row from two of those, eight pixels at a time (the scalar expression's order kept).
    /// </summary>
    private static void Enlarge(ReadOnlySpan<float> image, int side, Span<float> big)
    {
        const int lanes = 8;
        float ratio = side / (float)Enlarged;
        Span<int> x0s = stackalloc int[Enlarged];
        Span<int> x1s = stackalloc int[Enlarged];
        Span<float> fxs = stackalloc float[Enlarged];
        Span<float> gxs = stackalloc float[Enlarged];
        for (int x = 0; x < Enlarged; x++)
        {
            float sx = Math.Clamp((x + 0.5f) * ratio - 0.5f, 0, side - 1);
            x0s[x] = (int)sx;
            x1s[x] = Math.Min(x0s[x] + 1, side - 1);
            fxs[x] = sx - x0s[x];
            gxs[x] = 1 - fxs[x];
        }
        // (image[x0]·(1 − fx) + image[x1]·fx) of every source row.
        Span<float> across = stackalloc float[side * Enlarged];
        for (int y = 0; y < side; y++)
        {
            var source = image.Slice(y * side, side);
            var target = across.Slice(y * Enlarged, Enlarged);
            for (int x = 0; x < Enlarged; x++) target[x] = source[x0s[x]] * gxs[x] + source[x1s[x]] * fxs[x];
        }
        for (int y = 0; y < Enlarged; y++)
        {
            float sy = Math.Clamp((y + 0.5f) * ratio - 0.5f, 0, side - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, side - 1);
            float fy = sy - y0;
            var top = across.Slice(y0 * Enlarged, Enlarged);
            var bottom = across.Slice(y1 * Enlarged, Enlarged);
            var target = big.Slice(y * Enlarged, Enlarged);
            var gy = Vector256.Create(1 - fy);
            var wy = Vector256.Create(fy);
            for (int x = 0; x < Enlarged; x += lanes)
                (Vector256.Create(top.Slice(x, lanes)) * gy + Vector256.Create(bottom.Slice(x, lanes)) * wy).CopyTo(target.Slice(x, lanes));
        }
    }
}
