using OpenCvSharp;
using Plates.Consume.Characters;
using Plates.Consume.Imaging;
using Plates.Consume.Layout;

namespace Plates.Consume.Deskew;

/// <summary>
/// Finds the two rows of a two-row plate, which the deskewer lays out as one row: its upper row (province and city
/// letter) where a one-row plate has them, its lower row where the other five characters go, so that segmentation
/// and the models see the layout they know.
/// </summary>
public static class TwoRowPlate
{
    /// <summary>
    /// Output column where a one-row plate's third character begins (after a side margin of
    /// <see cref="DeskewOptions.HorizontalMargin"/> character heights): the lower row of a two-row plate goes right of
    /// it, the upper row left of it.
    /// </summary>
    public static int Split(DeskewOptions options)
    {
        var (margin, upperLength) = UpperOutput(options);
        return (int)Math.Round(options.OutputSize.Width * upperLength / (options.Layout.Span + 2 * margin));
    }

    /// <summary>The layout's side margin and the length of the output left of <see cref="Split"/> (margin included), in the layout's units.</summary>
    private static (double Margin, double UpperLength) UpperOutput(DeskewOptions options)
    {
        var layout = options.Layout;
        double margin = options.HorizontalMargin * layout.CharacterHeight;
        return (margin, layout.Slots[layout.RunStart].Offset + margin);
    }

    /// <summary>
    /// Borders of the two rows, in the coordinates of the upright patch, or null for a one-row plate. The lower row is
    /// five (or four, one end lost) characters at a pitch of about 0.75 heights, without the wide gap of a one-row
    /// plate's dot, under strokes covering a fair share of the band above it: a one-row plate has a plain margin or
    /// car body there. Dark strokes from a local threshold: all two-row plates are yellow, and Otsu over a loose box
    /// around one often splits plate from bus body instead of strokes from plate.
    /// </summary>
    /// <param name="bgrPatch">The padded working patch, before the shear is removed.</param>
    /// <param name="unshear">The map that stands the patch's characters upright.</param>
    public static (Rect2d Upper, Rect2d Lower)? Find(Mat bgrPatch, AffineMap unshear, DeskewOptions options)
    {
        using var strokes = CharacterMasks.LocalDarkStrokes(bgrPatch, options.Characters);
        using var uprightMask = unshear.Warp(strokes, strokes.Size(), InterpolationFlags.Nearest, BorderTypes.Constant, Scalar.All(0));
        return Find(CharacterBoxes.Find(uprightMask, options.BorderCharacters), uprightMask, options.TwoRows, UpperSlots(options));
    }

    /// <summary>
    /// Where a one-row plate's first character begins and its second ends, as shares of the output left of
    /// <see cref="Split"/>: the upper row's two characters are laid there, so that the segmenter finds the layout's
    /// gaps (the wide one after the second character) where it looks for them.
    /// </summary>
    public static (double Left, double Right) UpperSlots(DeskewOptions options)
    {
        var layout = options.Layout;
        var (margin, upperLength) = UpperOutput(options);
        return ((layout.Slots[0].Offset + margin) / upperLength, (layout.Slots[layout.RunStart - 1].Right + margin) / upperLength);
    }

    /// <inheritdoc cref="Find(Mat, AffineMap, DeskewOptions)"/>
    /// <param name="characterBoxes">Character boxes of the upright mask.</param>
    /// <param name="uprightMask">Upright mask of the dark strokes, in the same coordinates.</param>
    /// <param name="options">The two-row plate's geometry.</param>
    /// <param name="upperSlots">Where the upper row's strokes go in its output (<see cref="UpperSlots"/>).</param>
    public static (Rect2d Upper, Rect2d Lower)? Find(IReadOnlyList<Rect> characterBoxes, Mat uprightMask, TwoRowOptions options, (double Left, double Right) upperSlots)
    {
        if (characterBoxes.Count < options.MinLowerCharacters || characterBoxes.Count > options.MaxLowerCharacters)
        {
            return null;
        }

        var (top, bottom) = RowLine(characterBoxes);
        double height = bottom - top;
        bool onSlots = options.LayOnSlots;
        if (onSlots)
        {
            // A dark block beside the plate (a holder, a lamp) can pass for a character: it does not stand on the row.
            characterBoxes = characterBoxes.Where(r => Math.Abs(r.Top - top) <= options.MaxOffRow * height && Math.Abs(r.Bottom - bottom) <= options.MaxOffRow * height).ToArray();
            if (characterBoxes.Count < options.MinLowerCharacters)
            {
                return null;
            }

            (top, bottom) = RowLine(characterBoxes);
            height = bottom - top;
        }

        var centres = characterBoxes.Select(r => r.X + r.Width / 2.0).ToArray();
        var gaps = centres.Zip(centres.Skip(1), (a, b) => b - a).Order().ToArray();
        double pitch = gaps[gaps.Length / 2];
        if (pitch < options.MinPitch * height || pitch > options.MaxPitch * height || gaps[^1] > options.MaxGap * pitch || gaps[0] < options.MinGap * pitch)
        {
            return null;
        }

        // On slots, the row's ends are its end characters' slots, not their ink: a 1 at an end is a thin stroke in the
        // middle of a slot as wide as the widest character's, and the margin past its ink alone leaves it on the edge.
        double halfWidth = onSlots ? characterBoxes.Max(r => r.Width) / 2.0 : 0;
        double left = onSlots ? centres.Min() - halfWidth : characterBoxes.Min(r => r.Left);
        double right = onSlots ? centres.Max() + halfWidth : characterBoxes.Max(r => r.Right);
        if (characterBoxes.Count < options.MaxLowerCharacters)
        {
            // One end character was lost (the first letter joined to a bolt or a holder, the last to the frame): the
            // row is completed on the side whose character-sized slot holds more strokes; on slots, on the side whose
            // slot holds about as much stroke as the row's own slots do (a slot filled by a dark holder beside the
            // plate holds far more, an empty margin far less).
            double inkLeft = InkFraction(uprightMask, left - pitch, left, top, bottom);
            double inkRight = InkFraction(uprightMask, right, right + pitch, top, bottom);
            double rowInk = onSlots ? characterBoxes.Average(r => InkFraction(uprightMask, r.X + r.Width / 2.0 - pitch / 2, r.X + r.Width / 2.0 + pitch / 2, top, bottom)) : 0;
            if (onSlots ? Math.Abs(inkLeft - rowInk) <= Math.Abs(inkRight - rowInk) : inkLeft >= inkRight)
            {
                left -= pitch;
            }
            else
            {
                right += pitch;
            }
        }

        double length = right - left;
        int bandTop = (int)Math.Round(top - options.BandTo * height), bandBottom = (int)Math.Round(top - options.BandFrom * height);
        int bandLeft = (int)Math.Round(left + options.BandInset * length), bandRight = (int)Math.Round(right - options.BandInset * length);
        if (bandTop < 0 || bandBottom <= bandTop || bandRight <= bandLeft)
        {
            return null;
        }

        using var band = new Mat(uprightMask, new Rect(bandLeft, bandTop, bandRight - bandLeft, bandBottom - bandTop));
        double ink = Cv2.CountNonZero(band) / (double)band.Total();
        if (ink < options.MinBandInk || ink > options.MaxBandInk)
        {
            return null;
        }

        double margin = options.LowerMargin * height;
        var lower = new Rect2d(left - margin, top - margin, length + 2 * margin, height + 2 * margin);
        // The upper row is centred on its own strokes rather than on the lower row: the shear is measured on the
        // lower row and a plate seen from below leans the upper row sideways. On slots, their centre goes where a
        // one-row plate has the middle of its first two characters, not the middle of the output left of the split:
        // that also holds the wide gap after the second character, and strokes centred there can leave that gap as
        // narrow as the one between the two characters, so that the segmenter fits the row one character off.
        var moments = Cv2.Moments(band, binaryImage: true);
        double centre = moments.M00 > 0 ? bandLeft + moments.M10 / moments.M00 : (left + right) / 2;
        double width = options.UpperWidth * length;
        double centreAt = onSlots ? (upperSlots.Left + upperSlots.Right) / 2 : 0.5;
        var upper = new Rect2d(centre - centreAt * width, top - options.UpperTop * height, width, options.UpperHeight * height);
        return (upper, lower);
    }

    /// <inheritdoc cref="Find(IReadOnlyList{Rect}, Mat, TwoRowOptions, ValueTuple{double, double})"/>
    /// <remarks>The upper row laid where the default deskew settings' layout has its first two characters.</remarks>
    public static (Rect2d Upper, Rect2d Lower)? Find(IReadOnlyList<Rect> characterBoxes, Mat uprightMask, TwoRowOptions options) =>
        Find(characterBoxes, uprightMask, options, UpperSlots(new DeskewOptions()));

    /// <summary>The row's top and bottom: the median of its boxes' tops and of their bottoms.</summary>
    private static (double Top, double Bottom) RowLine(IReadOnlyList<Rect> boxes)
    {
        var tops = boxes.Select(r => (double)r.Top).Order().ToArray();
        var bottoms = boxes.Select(r => (double)r.Bottom).Order().ToArray();
        return (tops[tops.Length / 2], bottoms[bottoms.Length / 2]);
    }

    /// <summary>Fraction of foreground in a rectangle of a mask, clipped to the mask; 0 outside it.</summary>
    private static double InkFraction(Mat mask, double left, double right, double top, double bottom)
    {
        var rect = new Rect((int)Math.Round(left), (int)Math.Round(top), (int)Math.Round(right - left), (int)Math.Round(bottom - top))
            .Intersect(new Rect(0, 0, mask.Cols, mask.Rows));
        if (rect.Width <= 0 || rect.Height <= 0)
        {
            return 0;
        }

        using var region = new Mat(mask, rect);
        return Cv2.CountNonZero(region) / (double)rect.Width / rect.Height;
    }
}
