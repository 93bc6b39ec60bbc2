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
        byte[] data;
        if (binary.IsContinuous())
            binary.GetArray(out data);
        else
        {
            // A region of a larger image is strided; a copy is continuous.
            using var copy = binary.Clone();
            copy.GetArray(out data);
        }
        for (int i = 0; i < data.Length; i++) data[i] = data[i] > 127 ? (byte)1 : (byte)0;
        return data;
    }

    /// <summary>Builds a 0/255 CV_8UC1 image from a 0/1 array; the caller disposes it.</summary>
    public static Mat ToMat(byte[] bits, int width, int height)
    {
        var mat = new Mat(height, width, MatType.CV_8UC1);
        var data = new byte[bits.Length];
        for (int i = 0; i < bits.Length; i++) data[i] = bits[i] != 0 ? (byte)255 : (byte)0;
        mat.SetArray(data);
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
