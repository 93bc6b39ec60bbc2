namespace Plates.Model.Features;

/// <summary>Normalises a character's position before its features are computed.</summary>
public static class CharacterNormaliser
{
    /// <summary>
    /// Moves the character so that the centroid of its intensity (first image moments) lies at the image centre,
    /// resampling bilinearly with sub-pixel precision and black outside the image. A blank image is left as it is.
    /// Segmenters cut characters a pixel or two off in any direction; after centring, the same character gives nearly
    /// the same pixels and a linear classifier needs no weights for every offset.
    /// </summary>
    /// <param name="image">side×side, row-major, values 0..1 (white on black), centred in place.</param>
    public static void Centre(Span<float> image, int side)
    {
        if (image.Length != side * side)
            throw new ArgumentException($"Expected {side * side} pixels, got {image.Length}.", nameof(image));

        double mass = 0, mx = 0, my = 0;
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
            {
                float v = image[y * side + x];
                mass += v;
                mx += v * x;
                my += v * y;
            }
        if (mass < 1e-3) return;

        double centre = (side - 1) / 2.0;
        double offsetX = mx / mass - centre, offsetY = my / mass - centre;
        Span<float> source = stackalloc float[image.Length];
        image.CopyTo(source);
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
                image[y * side + x] = Sample(source, side, x + offsetX, y + offsetY);
    }

    private static float Sample(ReadOnlySpan<float> image, int side, double sx, double sy)
    {
        int x0 = (int)Math.Floor(sx), y0 = (int)Math.Floor(sy);
        float fx = (float)(sx - x0), fy = (float)(sy - y0);
        return (At(image, side, x0, y0) * (1 - fx) + At(image, side, x0 + 1, y0) * fx) * (1 - fy)
             + (At(image, side, x0, y0 + 1) * (1 - fx) + At(image, side, x0 + 1, y0 + 1) * fx) * fy;
    }

    private static float At(ReadOnlySpan<float> image, int side, int x, int y) =>
        x < 0 || y < 0 || x >= side || y >= side ? 0f : image[y * side + x];
}
