using System.Buffers;
using OpenCvSharp;

namespace Plates.Consume.Imaging;

/// <summary>One connected blob of foreground pixels: its bounding box and pixel count.</summary>
public readonly record struct Component(Rect Bounds, int Area)
{
    public double CentreX => Bounds.X + Bounds.Width / 2.0;

    public double CentreY => Bounds.Y + Bounds.Height / 2.0;
}

/// <summary>
/// The one labelling of blobs every stage uses. Components come in <c>Cv2.ConnectedComponentsWithStats</c>'s label
/// order (component <c>k</c> carries label <c>k + 1</c>), and bounds, areas and labels are the ones it gives: the
/// labelling is done in managed code (<see cref="BlobLabelling"/>), which <c>BlobsTests</c> compares with OpenCV's to
/// the pixel. A caller whose result could depend on the order of equal blobs states its own tie rule.
/// </summary>
public static class Blobs
{
    /// <summary>The blobs of a single-channel 8-bit image whose non-zero pixels are foreground.</summary>
    /// <param name="binary">The image; not changed.</param>
    /// <param name="labels">
    /// If given (rows×cols, row-major), receives each pixel's label: 0 for background, <c>k + 1</c> for component
    /// <c>k</c>, so that a caller can erase or keep single blobs.
    /// </param>
    /// <param name="connectivity">8 (diagonal neighbours join) unless told otherwise.</param>
    /// <exception cref="ArgumentException">The image is not 8-bit single-channel, or <paramref name="labels"/> has another size.</exception>
    public static IReadOnlyList<Component> Find(Mat binary, int[]? labels = null, PixelConnectivity connectivity = PixelConnectivity.Connectivity8)
    {
        ArgumentNullException.ThrowIfNull(binary);
        if (binary.Type() != MatType.CV_8UC1)
            throw new ArgumentException($"Expected an 8-bit single-channel image, got {binary.Type()}.", nameof(binary));
        if (labels is not null && labels.Length != binary.Rows * binary.Cols)
            throw new ArgumentException("The label array must hold one value per pixel.", nameof(labels));
        if (binary.Empty()) return [];
        byte[] pixels;
        if (binary.IsContinuous()) binary.GetArray(out pixels);
        else
        {
            // A region of a larger image is strided; a copy is continuous.
            using var copy = binary.Clone();
            copy.GetArray(out pixels);
        }
        return Label(pixels, binary.Cols, new Rect(0, 0, binary.Cols, binary.Rows), labels, connectivity != PixelConnectivity.Connectivity4);
    }

    /// <summary>
    /// The 8-connected blobs inside <paramref name="region"/> of a binary image held as bytes (non-zero = foreground,
    /// row-major, <paramref name="width"/>×<paramref name="height"/>); pixels outside the region neither count nor join
    /// blobs. Bounds are in whole-image coordinates.
    /// </summary>
    /// <param name="labels">If given (width×height), receives the labels of the region's pixels as in <see cref="Find(Mat, int[], PixelConnectivity)"/>; its other entries are left alone.</param>
    public static IReadOnlyList<Component> Find(byte[] bits, int width, int height, Rect region, int[]? labels = null)
    {
        ArgumentNullException.ThrowIfNull(bits);
        if (labels is not null && labels.Length != width * height)
            throw new ArgumentException("The label array must hold one value per pixel.", nameof(labels));
        return Find(bits, width, height, region, labels is null ? Span<int>.Empty : labels.AsSpan());
    }

    /// <inheritdoc cref="Find(byte[], int, int, Rect, int[])"/>
    /// <param name="labels">
    /// Empty, or at least width×height long (a pooled buffer): receives the labels of the region's pixels as in
    /// <see cref="Find(Mat, int[], PixelConnectivity)"/>; its other entries are left as they were.
    /// </param>
    public static Component[] Find(ReadOnlySpan<byte> bits, int width, int height, Rect region, Span<int> labels)
    {
        if (bits.Length < width * height)
            throw new ArgumentException($"Expected {width}×{height} pixels, got {bits.Length}.", nameof(bits));
        if (!labels.IsEmpty && labels.Length < width * height)
            throw new ArgumentException("The label buffer must hold one value per pixel.", nameof(labels));
        region = region.Intersect(new Rect(0, 0, width, height));
        if (region.Width <= 0 || region.Height <= 0)
            return [];
        return Label(bits, width, region, labels, eightConnected: true);
    }

    /// <summary>Labels a region, straight into the caller's array when the region spans the image's width (its rows are then contiguous there).</summary>
    private static Component[] Label(ReadOnlySpan<byte> bits, int width, Rect region, Span<int> labels, bool eightConnected)
    {
        int size = region.Width * region.Height;
        if (!labels.IsEmpty && region.Width == width)
            return BlobLabelling.Label(bits, width, region, labels.Slice(region.Y * width, size), eightConnected);
        int[] scratch = ArrayPool<int>.Shared.Rent(size);
        try
        {
            var found = BlobLabelling.Label(bits, width, region, scratch.AsSpan(0, size), eightConnected);
            if (!labels.IsEmpty)
                for (int y = 0; y < region.Height; y++)
                    scratch.AsSpan(y * region.Width, region.Width).CopyTo(labels.Slice((region.Y + y) * width + region.X, region.Width));
            return found;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// A copy of a binary mask without its 4-connected blobs that touch the image border. In a padded patch the
    /// characters lie inside; what reaches the border is car body, bumper or frame.
    /// </summary>
    public static Mat WithoutBorderComponents(Mat mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        int rows = mask.Rows, cols = mask.Cols;
        var labels = new int[rows * cols];
        var components = Find(mask, labels, PixelConnectivity.Connectivity4);
        var touching = components
            .Select(c => c.Bounds.Left == 0 || c.Bounds.Top == 0 || c.Bounds.Right == cols || c.Bounds.Bottom == rows)
            .ToArray();
        var result = mask.Clone();
        result.GetArray(out byte[] pixels);
        for (int i = 0; i < pixels.Length; i++)
        {
            if (labels[i] != 0 && touching[labels[i] - 1])
                pixels[i] = 0;
        }

        result.SetArray(pixels);
        return result;
    }
}
