using OpenCvSharp;
using Plates.Consume.Layout;

namespace Plates.Consume.Deskew;

/// <summary>Where the plate's borders lie in the deskewer's upright working patch, from the characters found in it.</summary>
public static class PlateBorders
{
    /// <summary>
    /// Plate borders in an upright patch, from its characters: their row plus a margin above and below, so characters
    /// fill about three quarters of the height like in the training crops, and from the first to the last character
    /// plus a small side margin. Null when fewer than <see cref="DeskewOptions.MinCharacters"/> characters are seen.
    /// </summary>
    /// <param name="characterBoxes">Character boxes in the upright patch.</param>
    /// <param name="located">Where the located box lies in the patch; a short row is widened to its ends.</param>
    /// <param name="options">Margins, the layout and its fit.</param>
    /// <param name="onLayout">Whether enough characters sat on the plate's layout (<see cref="LayoutFit.FromCentres"/>).</param>
    public static Rect2d? Find(IReadOnlyList<Rect> characterBoxes, Rect2d located, DeskewOptions options, out bool onLayout)
    {
        onLayout = false;
        if (characterBoxes.Count < options.MinCharacters)
        {
            return null;
        }

        // Medians rather than extremes: a bolt or the dot can make one box too tall or too short.
        var tops = characterBoxes.Select(r => (double)r.Top).Order().ToArray();
        var bottoms = characterBoxes.Select(r => (double)r.Bottom).Order().ToArray();
        double top = tops[tops.Length / 2];
        double bottom = bottoms[bottoms.Length / 2];
        double charHeight = bottom - top;
        double left = characterBoxes.Min(r => r.Left);
        double right = characterBoxes.Max(r => r.Right);
        if (LayoutFit.FromCentres(characterBoxes, charHeight, located, options.Layout, options.LayoutFit) is { } span)
        {
            // The layout only ever lengthens the row: where it ends inside the found blobs, those are a frame side or
            // bolt as often as a real character the layout misplaced, and cutting a character costs more.
            left = Math.Min(left, span.Left);
            right = Math.Max(right, span.Right);
            onLayout = true;
        }

        // A shorter row than a full one has lost characters: often a Chinese character (province, or 学/警/挂 at the
        // end), which falls apart into strokes, but shade or dirt can hide any of them. Guessing which end is missing
        // cuts one off as often as not; the located box came from the plate's colour or edges and so spans about the
        // plate, so a short row is widened to it instead.
        if (right - left < options.FullRowHeights * charHeight)
        {
            left = Math.Min(left, located.Left);
            right = Math.Max(right, located.Right);
        }

        double vMargin = options.VerticalMargin * charHeight;
        double hMargin = options.HorizontalMargin * charHeight;
        return new Rect2d(left - hMargin, top - vMargin, right - left + 2 * hMargin, charHeight + 2 * vMargin);
    }

    /// <summary>
    /// Whether borders found from characters agree with the located box well enough to replace it. A few blobs of
    /// bolt, dirt or one character's parts can pass for a short row; trusting them would zoom into a fragment,
    /// which is worse for the recogniser than the slightly loose located box.
    /// </summary>
    /// <param name="onLayout">
    /// The characters sat on the plate's layout: so many blobs at the plate's spacing are no fragment, so a row much
    /// shorter than the located box is the plate inside a box loosened by lamps, badges or a frame.
    /// </param>
    public static bool IsConsistent(Rect2d fromCharacters, Rect2d located, bool onLayout, DeskewOptions options)
    {
        double aspect = fromCharacters.Width / fromCharacters.Height;
        return fromCharacters.Height >= options.MinHeightShare * located.Height
            && fromCharacters.Height <= options.MaxHeightShare * located.Height
            && fromCharacters.Width >= (onLayout ? options.MinWidthShareOnLayout : options.MinWidthShare) * located.Width
            && aspect >= options.MinAspect && aspect <= options.MaxAspect;
    }

    /// <summary>Without characters to go by, undo the padding and keep the located box.</summary>
    public static Rect2d Default(Size patchSize, DeskewOptions options)
    {
        double w = patchSize.Width / options.WidthPadding, h = patchSize.Height / options.HeightPadding;
        return new Rect2d((patchSize.Width - w) / 2, (patchSize.Height - h) / 2, w, h);
    }
}
