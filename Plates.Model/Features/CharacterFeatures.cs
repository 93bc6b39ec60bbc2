using OpenCvSharp;

namespace Plates.Model.Features;

/// <summary>
/// Turns one character image into the feature vector the classifiers learn from: the 20×20 grey pixels,
/// their HOG, and row and column projections. The same code runs at training time and inside the saved model.
/// </summary>
public static class CharacterFeatures
{
    /// <summary>Side of the square every character is resized to (the size of the training crops).</summary>
    public const int Side = 20;

    public const int HogCellSize = 5;

    /// <summary>HOG values: (Side / HogCellSize − 1)² blocks of 2×2 cells of Bins each, as <see cref="HistogramOfGradients.Length"/> gives.</summary>
    public const int HogLength = (Side / HogCellSize - 1) * (Side / HogCellSize - 1) * 4 * HistogramOfGradients.Bins;

    /// <summary>Pixels + HOG + row projection + column projection + directional gradients.</summary>
    public const int Length = Side * Side + HogLength + Side + Side + DirectionalGradients.Length;

    /// <summary>Decodes an encoded image (any format OpenCV reads) into Side×Side grey bytes.</summary>
    /// <exception cref="InvalidDataException">The bytes are empty or not an image OpenCV can decode.</exception>
    public static byte[] DecodeToGrey(byte[] encoded)
    {
        if (encoded is null || encoded.Length == 0)
            throw new InvalidDataException("The image is empty (0 bytes).");
        using Mat decoded = Cv2.ImDecode(encoded, ImreadModes.Grayscale);
        if (decoded.Empty())
            throw new InvalidDataException("The bytes are not an image OpenCV can decode (corrupt, truncated or another format).");
        return ToGrey(decoded);
    }

    /// <summary>Resizes a single-channel 8-bit image to Side×Side and returns its bytes, row-major.</summary>
    public static byte[] ToGrey(Mat grey)
    {
        if (grey.Type() != MatType.CV_8UC1)
            throw new ArgumentException($"Expected an 8-bit single-channel image, got {grey.Type()}.", nameof(grey));
        using Mat resized = new();
        if (grey.Width == Side && grey.Height == Side) grey.CopyTo(resized);
        else Cv2.Resize(grey, resized, new Size(Side, Side), 0, 0,
            grey.Width > Side ? InterpolationFlags.Area : InterpolationFlags.Linear);
        resized.GetArray(out byte[] pixels);
        return pixels;
    }

    /// <summary>Computes the feature vector of Side×Side grey bytes into <paramref name="destination"/> (Length values).</summary>
    /// <param name="set">One of the v1 sets (Full, PixelsHog, Pixels); <see cref="CharacterFeatureSet.Centred"/> is <see cref="CentredCharacterFeatures"/>.</param>
    public static void Compute(ReadOnlySpan<byte> grey, Span<float> destination, CharacterFeatureSet set = CharacterFeatureSet.Full)
    {
        // Centred would otherwise fall through to the Full vector: a model fed those would read uncentred characters.
        if (set == CharacterFeatureSet.Centred)
            throw new ArgumentException($"{set} features are computed by {nameof(CentredCharacterFeatures)}, with their own length.", nameof(set));
        if (grey.Length != Side * Side)
            throw new ArgumentException($"Expected {Side * Side} pixels, got {grey.Length}.", nameof(grey));
        if (destination.Length != Length)
            throw new ArgumentException($"Expected room for {Length} features, got {destination.Length}.", nameof(destination));

        destination.Clear();
        Span<float> pixels = destination[..(Side * Side)];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = grey[i] / 255f;
        if (set == CharacterFeatureSet.Pixels) return;

        HistogramOfGradients.Compute(pixels, Side, HogCellSize, destination.Slice(Side * Side, HogLength));

        Span<float> rows = destination.Slice(Side * Side + HogLength, Side);
        Span<float> columns = destination.Slice(Side * Side + HogLength + Side, Side);
        rows.Clear();
        columns.Clear();
        for (int y = 0; y < Side; y++)
            for (int x = 0; x < Side; x++)
            {
                float v = pixels[y * Side + x] / Side;
                rows[y] += v;
                columns[x] += v;
            }
        if (set == CharacterFeatureSet.PixelsHog) return;

        DirectionalGradients.Compute(pixels, Side, destination.Slice(Side * Side + HogLength + 2 * Side, DirectionalGradients.Length));
    }

    public static float[] Compute(ReadOnlySpan<byte> grey)
    {
        var features = new float[Length];
        Compute(grey, features);
        return features;
    }
}
