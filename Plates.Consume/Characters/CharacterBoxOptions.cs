namespace Plates.Consume.Characters;

/// <summary>What <see cref="CharacterBoxes"/> takes for a character: the shape of one blob and how a row of them lines up.</summary>
public sealed record CharacterBoxOptions
{
    /// <summary>
    /// Shortest character as a fraction of the mask height. 0.3 for a patch cut about the plate; lower for a patch
    /// cut with a wide margin (the deskewer's padded patch).
    /// </summary>
    public double MinHeight { get; init; } = 0.3;

    /// <summary>Tallest character as a fraction of the mask height: a blob the full height is frame, bumper or car body.</summary>
    public double MaxHeight { get; init; } = 0.95;

    /// <summary>Widest character as a fraction of the mask width: seven characters share it.</summary>
    public double MaxWidth { get; init; } = 0.16;

    /// <summary>Widest character relative to its height: plate characters are about half as wide as tall.</summary>
    public double MaxWidthToHeight { get; init; } = 1.2;

    /// <summary>Share of its box a character fills at least; long thin diagonals and frame corners fill less.</summary>
    public double MinFill { get; init; } = 0.15;

    /// <summary>
    /// How far a character's centre may lie from the row's median centre, as a fraction of the mask height: printed
    /// characters share one baseline, blobs split out of noise, texture or a grille's reflections scatter.
    /// </summary>
    public double MaxCentreOffset { get; init; } = 0.15;

    /// <summary>How far a character's height may differ from the row's median height, as a fraction of that median.</summary>
    public double MaxHeightDeviation { get; init; } = 0.3;
}
