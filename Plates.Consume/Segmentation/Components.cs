using OpenCvSharp;

namespace Plates.Consume.Segmentation;

/// <summary>One 8-connected blob of foreground pixels: its bounding box and pixel count.</summary>
public readonly record struct Component(Rect Bounds, int Area)
{
    public double CentreX => Bounds.X + Bounds.Width / 2.0;

    public double CentreY => Bounds.Y + Bounds.Height / 2.0;
}

/// <summary>
/// Small managed helpers over a binary image held as a byte array (0 or 1, row-major): the cutting logic works on
/// projections and blobs, which are simpler and cheaper to compute here than through <see cref="Mat"/> round trips.
/// </summary>
internal static class Binary
{
    /// <summary>Copies a CV_8UC1 image into a 0/1 array.</summary>
    public static byte[] ToBits(Mat binary)
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

    /// <summary>
    /// Labels the 8-connected blobs inside <paramref name="region"/>. <paramref name="labels"/> (if given, width×height)
    /// receives 1-based component numbers, so a caller can erase or copy single blobs.
    /// </summary>
    public static List<Component> Label(byte[] bits, int width, int height, Rect region, int[]? labels = null)
    {
        region = region.Intersect(new Rect(0, 0, width, height));
        labels ??= new int[width * height];
        var found = new List<Component>();
        var stack = new Stack<int>();
        for (int y = region.Top; y < region.Bottom; y++)
        for (int x = region.Left; x < region.Right; x++)
        {
            int start = y * width + x;
            if (bits[start] == 0 || labels[start] != 0) continue;
            int label = found.Count + 1, area = 0;
            int minX = x, maxX = x, minY = y, maxY = y;
            labels[start] = label;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int p = stack.Pop();
                int px = p % width, py = p / width;
                area++;
                if (px < minX) minX = px;
                if (px > maxX) maxX = px;
                if (py < minY) minY = py;
                if (py > maxY) maxY = py;
                for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                {
                    int nx = px + dx, ny = py + dy;
                    if (nx < region.Left || nx >= region.Right || ny < region.Top || ny >= region.Bottom) continue;
                    int q = ny * width + nx;
                    if (bits[q] == 0 || labels[q] != 0) continue;
                    labels[q] = label;
                    stack.Push(q);
                }
            }
            found.Add(new Component(new Rect(minX, minY, maxX - minX + 1, maxY - minY + 1), area));
        }
        return found;
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
