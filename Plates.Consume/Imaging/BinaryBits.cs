using System.Runtime.Intrinsics;
using OpenCvSharp;

namespace Plates.Consume.Imaging;

/// <summary>
/// A binary image held as a byte array (0 or 1, row-major): the cutting steps work on projections, runs and single
/// pixels, which are simpler and cheaper to compute here than through <see cref="Mat"/> round trips.
/// </summary>
internal static class BinaryBits
{
    /// <summary>Copies a CV_8UC1 image into a 0/1 array (1 above 127).</summary>
    public static byte[] FromMat(Mat binary)
    {
        if (binary.Type() != MatType.CV_8UC1)
            throw new ArgumentException("Expected a single-channel 8-bit image.", nameof(binary));
        var data = new byte[binary.Rows * binary.Cols];
        if (binary.IsContinuous()) Threshold(binary.AsSpan<byte>(), data);
        else
        {
            // A region of a larger image is strided; a copy is continuous.
            using var copy = binary.Clone();
            Threshold(copy.AsSpan<byte>(), data);
        }
        return data;
    }

    /// <summary>1 where a byte is above 127 (its top bit is set), else 0; 32 bytes at a time.</summary>
    private static void Threshold(ReadOnlySpan<byte> source, Span<byte> bits)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i + Vector256<byte>.Count <= source.Length; i += Vector256<byte>.Count)
                Vector256.ShiftRightLogical(Vector256.Create(source.Slice(i, Vector256<byte>.Count)), 7).CopyTo(bits.Slice(i));
        for (; i < source.Length; i++) bits[i] = source[i] > 127 ? (byte)1 : (byte)0;
    }

    /// <summary>Builds a 0/255 CV_8UC1 image from a 0/1 array (any non-zero byte is foreground); the caller disposes it.</summary>
    public static Mat ToMat(byte[] bits, int width, int height)
    {
        if (bits.Length != width * height)
            throw new ArgumentException($"Expected {width}×{height} bits, got {bits.Length}.", nameof(bits));
        var mat = new Mat(height, width, MatType.CV_8UC1);
        var data = mat.AsSpan<byte>();
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i + Vector256<byte>.Count <= bits.Length; i += Vector256<byte>.Count)
                Vector256.OnesComplement(Vector256.Equals(Vector256.Create(bits.AsSpan(i, Vector256<byte>.Count)), Vector256<byte>.Zero)).CopyTo(data.Slice(i));
        for (; i < bits.Length; i++) data[i] = bits[i] != 0 ? (byte)255 : (byte)0;
        return mat;
    }

    /// <summary>Number of 0↔1 changes along each row.</summary>
    public static int[] RowTransitions(byte[] bits, int width, int height)
    {
        var transitions = new int[height];
        for (int y = 0; y < height; y++)
        for (int x = 1; x < width; x++)
            if (bits[y * width + x] != bits[y * width + x - 1]) transitions[y]++;
        return transitions;
    }

    /// <summary>Foreground pixels in each column between rows <paramref name="top"/> and <paramref name="bottom"/> (inclusive).</summary>
    public static double[] ColumnProjection(byte[] bits, int width, int top, int bottom)
    {
        var projection = new double[width];
        for (int y = top; y <= bottom; y++)
        for (int x = 0; x < width; x++)
            projection[x] += bits[y * width + x];
        return projection;
    }
}
