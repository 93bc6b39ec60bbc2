namespace Plates.Model.Features;

/// <summary>
/// Local binary patterns: each inner pixel gets an 8-bit code, one bit per neighbour brighter than it by a small margin;
/// the 58 uniform codes (at most two 0/1 transitions around the circle: stroke ends, edges, corners) keep their own bin
/// and the rest share one. The codes are counted in a 3×3 grid of overlapping windows, each half the image's side and a
/// quarter of it apart, and square-rooted, which suits linear classifiers (Hellinger). They describe stroke texture and
/// junctions that gradients on a 20-pixel character blur over.
/// </summary>
public static class LocalBinaryPatterns
{
    /// <summary>58 uniform codes and one bin for all the others.</summary>
    public const int Codes = 59;

    public const int Grid = 3;

    public const int Length = Codes * Grid * Grid;

    /// <summary>A neighbour counts as brighter when it exceeds the centre by this many grey levels (noise margin).</summary>
    public const int Margin = 8;

    private static readonly byte[] s_bins = BuildBins();

    /// <summary>The bin of every 8-bit code: uniform codes numbered 0..57 in increasing order, the others 58.</summary>
    public static byte Bin(int code) => s_bins[code];

    private static byte[] BuildBins()
    {
        var bins = new byte[256];
        int next = 0;
        for (int code = 0; code < 256; code++)
        {
            int transitions = 0;
            for (int b = 0; b < 8; b++)
                if (((code >> b) & 1) != ((code >> ((b + 1) % 8)) & 1)) transitions++;
            bins[code] = transitions <= 2 ? (byte)next++ : (byte)(Codes - 1);
        }
        return bins;
    }

    /// <summary>Writes the pooled LBP histograms of side×side grey bytes into <paramref name="destination"/> (Length values).</summary>
    public static void Compute(ReadOnlySpan<byte> grey, int side, Span<float> destination)
    {
        if (grey.Length != side * side)
            throw new ArgumentException($"Expected {side * side} pixels, got {grey.Length}.", nameof(grey));
        if (destination.Length != Length)
            throw new ArgumentException($"Expected room for {Length} values, got {destination.Length}.", nameof(destination));

        int window = side / 2, stride = side / 4;
        destination.Clear();
        // Neighbours clockwise from the top left: bit b is neighbour b.
        ReadOnlySpan<int> dx = [-1, 0, 1, 1, 1, 0, -1, -1];
        ReadOnlySpan<int> dy = [-1, -1, -1, 0, 1, 1, 1, 0];
        for (int y = 1; y < side - 1; y++)
        {
            for (int x = 1; x < side - 1; x++)
            {
                int threshold = grey[y * side + x] + Margin, code = 0;
                for (int b = 0; b < 8; b++)
                    if (grey[(y + dy[b]) * side + x + dx[b]] >= threshold) code |= 1 << b;
                int bin = s_bins[code];
                for (int wy = 0; wy < Grid; wy++)
                {
                    if (y < wy * stride || y >= wy * stride + window) continue;
                    for (int wx = 0; wx < Grid; wx++)
                    {
                        if (x < wx * stride || x >= wx * stride + window) continue;
                        destination[(wy * Grid + wx) * Codes + bin] += 1f;
                    }
                }
            }
        }
        float area = window * window;
        for (int i = 0; i < destination.Length; i++) destination[i] = MathF.Sqrt(destination[i] / area);
    }
}
