using Plates.Consume.Imaging;

namespace Plates.Consume.Segmentation;

/// <summary>Settings of <see cref="RowStraightener"/>.</summary>
public sealed record StraightenOptions
{
    /// <summary>
    /// Baseline tilts tried, as vertical pixels per horizontal pixel: up to 0.45 in steps of 0.01, smallest first. A
    /// thousandth of a pixel² per unit of tilt is taken off the score, so a blank band keeps the image level.
    /// </summary>
    public ShearSearchOptions Tilt { get; init; } = new()
    {
        MaxShear = 0.45,
        Step = 0.01,
        AbsolutePenalty = 1e-3,
        Order = ShearOrder.OutwardFromZero,
    };

    /// <summary>
    /// Character slants tried, as horizontal pixels per vertical pixel: up to 0.35 in steps of 0.025, smallest first,
    /// each scored 10 % lower per unit of slant so that a near-tie keeps the characters as they are.
    /// </summary>
    public ShearSearchOptions Slant { get; init; } = new()
    {
        MaxShear = 0.35,
        Step = 0.025,
        ProportionalPenalty = 0.1,
        Order = ShearOrder.OutwardFromZero,
    };

    /// <summary>Share of the band's height left out at its top and bottom when labelling for the slant: characters touching the frame would join into one blob.</summary>
    public double SlantInset { get; init; } = 0.125;

    /// <summary>Share of the band's ink that must be in character-like blobs for the slant to be judged on them alone.</summary>
    public double MinCharacterInkShare { get; init; } = 0.4;

    /// <summary>
    /// A blob the size of a character, or of a few characters run together: at least this share of the band tall, at
    /// most <see cref="CharacterMaxWidth"/> band heights wide, filling at most <see cref="CharacterMaxFill"/> of its box.
    /// </summary>
    public double CharacterMinHeight { get; init; } = 0.5;

    /// <inheritdoc cref="CharacterMinHeight"/>
    public double CharacterMaxWidth { get; init; } = 1.2;

    /// <inheritdoc cref="CharacterMinHeight"/>
    public double CharacterMaxFill { get; init; } = 0.75;
}
