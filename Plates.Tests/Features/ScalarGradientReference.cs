using Plates.Model.Features;

namespace Plates.Tests.Features;

/// <summary>
/// The scalar gradient features exactly as they were before they were vectorised (commit 861ed3f), with
/// <see cref="MathF.Atan2"/>, kept as the reference the shipped code must stay within a tolerance of: the shipped models
/// were trained on these values.
/// </summary>
internal static class ScalarDirectionalGradients
{
    private const int Directions = DirectionalGradients.Directions, Enlarged = DirectionalGradients.Enlarged, Grid = DirectionalGradients.Grid, Length = DirectionalGradients.Length;

    public static void Compute(ReadOnlySpan<float> image, int side, Span<float> destination)
    {
        if (destination.Length != Length)
            throw new ArgumentException($"Expected room for {Length} values.", nameof(destination));

        Span<float> big = stackalloc float[Enlarged * Enlarged];
        Enlarge(image, side, big);

        destination.Clear();
        const float cell = Enlarged / (float)Grid;
        for (int y = 1; y < Enlarged - 1; y++)
        {
            for (int x = 1; x < Enlarged - 1; x++)
            {
                // Sobel: a little smoothing across the gradient steadies the direction on blurred strokes.
                float gx = big[(y - 1) * Enlarged + x + 1] + 2 * big[y * Enlarged + x + 1] + big[(y + 1) * Enlarged + x + 1]
                         - big[(y - 1) * Enlarged + x - 1] - 2 * big[y * Enlarged + x - 1] - big[(y + 1) * Enlarged + x - 1];
                float gy = big[(y + 1) * Enlarged + x - 1] + 2 * big[(y + 1) * Enlarged + x] + big[(y + 1) * Enlarged + x + 1]
                         - big[(y - 1) * Enlarged + x - 1] - 2 * big[(y - 1) * Enlarged + x] - big[(y - 1) * Enlarged + x + 1];
                float magnitude = MathF.Sqrt(gx * gx + gy * gy);
                if (magnitude < 1e-4f) continue;

                float angle = MathF.Atan2(gy, gx);
                if (angle < 0) angle += 2 * MathF.PI;
                float position = angle / (2 * MathF.PI / Directions);
                int d0 = (int)position % Directions;
                int d1 = (d0 + 1) % Directions;
                float dShare = position - MathF.Floor(position);

                float gxPos = (x + 0.5f) / cell - 0.5f, gyPos = (y + 0.5f) / cell - 0.5f;
                int cx0 = (int)MathF.Floor(gxPos), cy0 = (int)MathF.Floor(gyPos);
                float fx = gxPos - cx0, fy = gyPos - cy0;
                for (int j = 0; j < 2; j++)
                {
                    int cy = cy0 + j;
                    if (cy < 0 || cy >= Grid) continue;
                    float wy = j == 0 ? 1 - fy : fy;
                    for (int i = 0; i < 2; i++)
                    {
                        int cx = cx0 + i;
                        if (cx < 0 || cx >= Grid) continue;
                        float w = wy * (i == 0 ? 1 - fx : fx) * magnitude;
                        int baseIndex = (cy * Grid + cx) * Directions;
                        destination[baseIndex + d0] += w * (1 - dShare);
                        destination[baseIndex + d1] += w * dShare;
                    }
                }
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

    /// <summary>Bilinear enlargement, pixel centres aligned as OpenCV's INTER_LINEAR does.</summary>
    private static void Enlarge(ReadOnlySpan<float> image, int side, Span<float> big)
    {
        float ratio = side / (float)Enlarged;
        for (int y = 0; y < Enlarged; y++)
        {
            float sy = Math.Clamp((y + 0.5f) * ratio - 0.5f, 0, side - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, side - 1);
            float fy = sy - y0;
            for (int x = 0; x < Enlarged; x++)
            {
                float sx = Math.Clamp((x + 0.5f) * ratio - 0.5f, 0, side - 1);
                int x0 = (int)sx, x1 = Math.Min(x0 + 1, side - 1);
                float fx = sx - x0;
                big[y * Enlarged + x] =
                    (image[y0 * side + x0] * (1 - fx) + image[y0 * side + x1] * fx) * (1 - fy) +
                    (image[y1 * side + x0] * (1 - fx) + image[y1 * side + x1] * fx) * fy;
            }
        }
    }
}
