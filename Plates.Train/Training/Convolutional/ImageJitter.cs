namespace Plates.Train.Training.Convolutional;

/// <summary>One random alteration of a character image: the rotation, scale, offset and contrast a segmenter's cuts vary by.</summary>
public readonly record struct ImageJitter(float AngleDegrees, float Scale, float ShiftX, float ShiftY, float Gain)
{
    public static readonly ImageJitter None = new(0, 1, 0, 0, 1);

    /// <summary>Rotation up to ±8°, scale 0.9–1.1, offset up to ±1.5 px, contrast gain 0.8–1.3: the ranges of <see cref="CharacterAugmenter"/>, with a slightly wider offset (it moves the rotation centre by up to 1 px).</summary>
    public static ImageJitter Draw(Random random) => new(
        (float)((random.NextDouble() * 2 - 1) * 8),
        (float)(0.9 + random.NextDouble() * 0.2),
        (float)((random.NextDouble() * 2 - 1) * 1.5),
        (float)((random.NextDouble() * 2 - 1) * 1.5),
        (float)(0.8 + random.NextDouble() * 0.5));

    /// <summary>Writes the altered <paramref name="side"/>×<paramref name="side"/> image (values in [0, 1]) into <paramref name="destination"/>, sampling bilinearly with black outside.</summary>
    public void Apply(ReadOnlySpan<float> source, int side, Span<float> destination)
    {
        float centre = (side - 1) / 2f;
        double radians = AngleDegrees * Math.PI / 180;
        // Inverse map: for each output pixel find where it came from in the source.
        float cos = (float)Math.Cos(radians) / Scale, sin = (float)Math.Sin(radians) / Scale;
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
            {
                float dx = x - centre - ShiftX, dy = y - centre - ShiftY;
                float sx = cos * dx + sin * dy + centre;
                float sy = -sin * dx + cos * dy + centre;
                float v = Sample(source, side, sx, sy);
                destination[y * side + x] = Math.Clamp(Gain * v + (1 - Gain) * 0.25f, 0f, 1f);
            }
    }

    private static float Sample(ReadOnlySpan<float> image, int side, float x, float y)
    {
        int x0 = (int)MathF.Floor(x), y0 = (int)MathF.Floor(y);
        float fx = x - x0, fy = y - y0;
        return (1 - fy) * ((1 - fx) * At(image, side, x0, y0) + fx * At(image, side, x0 + 1, y0))
             + fy * ((1 - fx) * At(image, side, x0, y0 + 1) + fx * At(image, side, x0 + 1, y0 + 1));
    }

    private static float At(ReadOnlySpan<float> image, int side, int x, int y) =>
        x < 0 || y < 0 || x >= side || y >= side ? 0f : image[y * side + x];
}
