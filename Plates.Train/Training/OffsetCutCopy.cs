using OpenCvSharp;
using Plates.Model.Features;

namespace Plates.Train.Training;

/// <summary>
/// A character as a cut box a little off its ink gives it: a strip of up to <see cref="MaxShare"/> of its width (or,
/// less often, of its height) is lost on one side, and what is left is fitted into the square again, as the cutter fits
/// the tight box of the ink it was given (<see cref="InkFit"/>). A shifted copy alone teaches nothing to a model that
/// centres the character first; a cut that starts right of the character's left edge (a 粤 or 云 read from part of
/// itself) stretches the rest.
/// </summary>
public static class OffsetCutCopy
{
    /// <summary>The largest share of the width or height a cut may lose.</summary>
    public const double MaxShare = 0.2;

    /// <summary>One such copy of a 20×20 grey character (white on black), as 20×20 grey bytes.</summary>
    public static byte[] Make(byte[] grey, Random random)
    {
        ArgumentNullException.ThrowIfNull(grey);
        ArgumentNullException.ThrowIfNull(random);
        int side = CharacterFeatures.Side;
        if (grey.Length != side * side)
            throw new ArgumentException($"Expected {side}×{side} grey pixels, got {grey.Length} bytes.", nameof(grey));
        using var source = Mat.FromPixelData(side, side, MatType.CV_8UC1, grey);
        Rect ink = InkFit.Box(source);
        if (ink.Width < 4 || ink.Height < 4) return (byte[])grey.Clone();
        // Sideways cuts are the common error (the boxes are laid along the row), so three in four copies lose a column strip.
        bool sideways = random.NextDouble() < 0.75;
        int extent = sideways ? ink.Width : ink.Height;
        int lost = Math.Max(1, (int)Math.Round(random.NextDouble() * MaxShare * extent));
        bool first = random.NextDouble() < 0.5;
        Rect kept = sideways
            ? new Rect(first ? ink.X + lost : ink.X, ink.Y, ink.Width - lost, ink.Height)
            : new Rect(ink.X, first ? ink.Y + lost : ink.Y, ink.Width, ink.Height - lost);
        using var part = new Mat(source, kept);
        return InkFit.ToSquare(part, side) ?? (byte[])grey.Clone();
    }
}
