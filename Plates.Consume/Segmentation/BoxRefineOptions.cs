namespace Plates.Consume.Segmentation;

/// <summary>Settings of <see cref="BoxRefiner"/>.</summary>
public sealed record BoxRefineOptions
{
    /// <summary>Share of a character box below which a blob is a speck, not a stroke (and at least <see cref="MinSpeckPixels"/>).</summary>
    public double MinCharacterInk { get; init; } = 0.04;

    /// <summary>Blobs of fewer pixels are specks whatever the box: on a small plate a share of the box is a pixel or two.</summary>
    public int MinSpeckPixels { get; init; } = 3;

    /// <summary>Shortest blob, as a share of the band height, that counts as part of the character in a box.</summary>
    public double MinStrokeHeight { get; init; } = 0.4;

    /// <summary>A refined box narrower than this share of the character width (a '1') is widened to it about its centre.</summary>
    public double MinWidthFactor { get; init; } = 0.6;

    /// <summary>A refined box wider than this share of the character width (touching neighbours) falls back on the fitted box.</summary>
    public double MaxWidthFactor { get; init; } = 1.3;

    /// <summary>The Chinese character's glyph fills its box more than a letter does: its box is this many character widths wide.</summary>
    public double ChineseWidthFactor { get; init; } = 1.15;

    /// <summary>
    /// The Chinese character ends this share of a gap before the city letter's refined box: that box is tight on ink
    /// which blur has spread, so a whole gap would cut the Chinese character's right-hand strokes.
    /// </summary>
    public double ChineseGapFactor { get; init; } = 0.5;
}
