namespace Plates.Consume;

/// <summary>
/// Geometry of the standard mainland plate (GA 36): seven characters 45 mm wide and 90 mm tall, 12 mm apart, except
/// 34 mm (holding the separator dot) between the second and third. Offsets are in millimetres from the first character's
/// left edge, so a fitted scale (pixels per millimetre) and origin place every character. Shared by the deskewer (which
/// finds the row's ends from it) and the segmenter (which places the seven boxes by it).
/// </summary>
public static class PlateLayout
{
    public const int CharacterCount = 7;

    public const double CharacterWidth = 45;

    public const double CharacterHeight = 90;

    public const double Gap = 12;

    public const double SeparatorGap = 34;

    /// <summary>Left edge of each character, in millimetres from the left edge of the first.</summary>
    public static IReadOnlyList<double> Offsets { get; } = BuildOffsets();

    /// <summary>Centre of each character, in millimetres from the left edge of the first.</summary>
    public static IReadOnlyList<double> Centres { get; } = Offsets.Select(o => o + CharacterWidth / 2).ToArray();

    /// <summary>From the first character's left edge to the last one's right edge: 409 mm.</summary>
    public static double Span => Offsets[^1] + CharacterWidth;

    private static double[] BuildOffsets()
    {
        var offsets = new double[CharacterCount];
        for (int i = 1; i < CharacterCount; i++)
            offsets[i] = offsets[i - 1] + CharacterWidth + (i == 2 ? SeparatorGap : Gap);
        return offsets;
    }
}
