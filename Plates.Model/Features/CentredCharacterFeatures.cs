namespace Plates.Model.Features;

/// <summary>
/// The second feature set (contract <c>PlateCharacterFeatures.v2</c>): the character is first centred on the centroid
/// of its intensity (<see cref="CharacterNormaliser.Centre"/>), then described by the <see cref="CharacterFeatures"/>
/// of the centred image with square-rooted HOG values (Hellinger normalisation), followed by
/// <see cref="LocalBinaryPatterns"/> histograms. Stateless, like the first set: the same bytes always give the same vector.
/// </summary>
public static class CentredCharacterFeatures
{
    /// <summary>The centred image's <see cref="CharacterFeatures.Length"/> values, then the LBP histograms.</summary>
    public const int Length = CharacterFeatures.Length + LocalBinaryPatterns.Length;

    /// <summary>Where the HOG values lie in the vector (after the pixels), as in <see cref="CharacterFeatures"/>.</summary>
    public const int HogOffset = CharacterFeatures.Side * CharacterFeatures.Side;

    /// <summary>Computes the features of Side×Side grey bytes into <paramref name="destination"/> (Length values).</summary>
    public static void Compute(ReadOnlySpan<byte> grey, Span<float> destination)
    {
        // Centre checks the pixels' count, ComputeOfCentred the destination's room.
        Span<byte> centred = stackalloc byte[CharacterFeatures.Side * CharacterFeatures.Side];
        Centre(grey, centred);
        ComputeOfCentred(centred, destination);
    }

    /// <summary>
    /// <see cref="Compute(ReadOnlySpan{byte}, Span{float})"/> of bytes already centred by <see cref="Centre"/>: the same
    /// values, without centring again (a caller that keys images by their centred bytes has them already).
    /// </summary>
    public static void ComputeOfCentred(ReadOnlySpan<byte> centred, Span<float> destination)
    {
        const int side = CharacterFeatures.Side;
        if (centred.Length != side * side)
            throw new ArgumentException($"Expected {side * side} pixels, got {centred.Length}.", nameof(centred));
        if (destination.Length != Length)
            throw new ArgumentException($"Expected room for {Length} features, got {destination.Length}.", nameof(destination));

        Span<float> first = destination[..CharacterFeatures.Length];
        CharacterFeatures.Compute(centred, first);
        foreach (ref float v in first.Slice(HogOffset, CharacterFeatures.HogLength)) v = MathF.Sqrt(v);
        LocalBinaryPatterns.Compute(centred, side, destination.Slice(CharacterFeatures.Length, LocalBinaryPatterns.Length));
    }

    /// <summary>
    /// The first step of <see cref="Compute(ReadOnlySpan{byte}, Span{float})"/>: the character centred on the centroid of
    /// its intensity (<see cref="CharacterNormaliser.Centre"/>), back in bytes. Every feature is computed from these
    /// bytes alone, so two images that centre to the same bytes (a character and a copy shifted by a whole pixel that
    /// loses no ink) have the same features.
    /// </summary>
    /// <exception cref="ArgumentException">Either span is not Side×Side long.</exception>
    public static void Centre(ReadOnlySpan<byte> grey, Span<byte> centred)
    {
        const int side = CharacterFeatures.Side;
        if (grey.Length != side * side)
            throw new ArgumentException($"Expected {side * side} pixels, got {grey.Length}.", nameof(grey));
        if (centred.Length != side * side)
            throw new ArgumentException($"Expected room for {side * side} pixels, got {centred.Length}.", nameof(centred));
        Span<float> image = stackalloc float[side * side];
        for (int i = 0; i < image.Length; i++) image[i] = grey[i] / 255f;
        CharacterNormaliser.Centre(image, side);
        for (int i = 0; i < image.Length; i++) centred[i] = (byte)Math.Clamp(MathF.Round(image[i] * 255f), 0, 255);
    }

    public static float[] Compute(ReadOnlySpan<byte> grey)
    {
        var features = new float[Length];
        Compute(grey, features);
        return features;
    }
}
