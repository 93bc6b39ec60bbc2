using System.Runtime.InteropServices;
using OpenCvSharp;

namespace Plates.Consume.Imaging;

/// <summary>One connected blob of foreground pixels: its bounding box and pixel count.</summary>
public readonly record struct Component(Rect Bounds, int Area)
{
    public double CentreX => Bounds.X + Bounds.Width / 2.0;

    public double CentreY => Bounds.Y + Bounds.Height / 2.0;
}

/// <summary>
/// The one labelling of blobs every stage uses: <c>Cv2.ConnectedComponentsWithStats</c>, with its statistics
/// table read in one copy. Components come in OpenCV's label order (component <c>k</c> carries label <c>k + 1</c>);
/// a caller whose result could depend on the order of equal blobs states its own tie rule.
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
    public static IReadOnlyList<Component> Find(Mat binary, int[]? labels = null, PixelConnectivity connectivity = PixelConnectivity.Connectivity8)
    {
        ArgumentNullException.ThrowIfNull(binary);
        using var labelImage = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        int n = Cv2.ConnectedComponentsWithStats(binary, labelImage, stats, centroids, connectivity);
        if (labels is not null)
        {
            if (labels.Length != binary.Rows * binary.Cols)
                throw new ArgumentException("The label array must hold one value per pixel.", nameof(labels));
            // The labels Mat is a new continuous CV_32S image: copied straight into the caller's array.
            Marshal.Copy(labelImage.Data, labels, 0, labels.Length);
        }

        // One copy of the statistics table instead of an element access per field and component: noisy patches
        // have hundreds of components.
        stats.GetArray(out int[] table);
        int stride = stats.Cols;
        var components = new Component[Math.Max(0, n - 1)];
        for (int i = 1; i < n; i++)
        {
            int row = i * stride;
            components[i - 1] = new Component(
                new Rect(table[row + (int)ConnectedComponentsTypes.Left], table[row + (int)ConnectedComponentsTypes.Top],
                    table[row + (int)ConnectedComponentsTypes.Width], table[row + (int)ConnectedComponentsTypes.Height]),
                table[row + (int)ConnectedComponentsTypes.Area]);
        }

        return components;
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
        region = region.Intersect(new Rect(0, 0, width, height));
        if (region.Width <= 0 || region.Height <= 0)
            return [];

        using var whole = Mat.FromPixelData(height, width, MatType.CV_8UC1, bits);
        using var part = new Mat(whole, region);
        // The whole image's labels are written in place rather than through a copy.
        bool wholeImage = region == new Rect(0, 0, width, height);
        var regionLabels = labels is null ? null : wholeImage ? labels : new int[region.Width * region.Height];
        var found = Find(part, regionLabels);
        if (regionLabels is not null && regionLabels != labels)
        {
            for (int y = 0; y < region.Height; y++)
                Array.Copy(regionLabels, y * region.Width, labels!, (region.Y + y) * width + region.X, region.Width);
        }

        if (region.X == 0 && region.Y == 0)
            return found;
        return found.Select(c => c with { Bounds = new Rect(c.Bounds.X + region.X, c.Bounds.Y + region.Y, c.Bounds.Width, c.Bounds.Height) }).ToArray();
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
