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
        var layout = options.Layout;
        double margin = options.HorizontalMargin * layout.CharacterHeight;
        return (int)Math.Round(options.OutputSize.Width * (layout.Slots[layout.RunStart].Offset + margin) / (layout.Span + 2 * margin));
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
        return Find(CharacterBoxes.Find(uprightMask, options.BorderCharacters), uprightMask, options.TwoRows);
    }

    /// <inheritdoc cref="Find(Mat, AffineMap, DeskewOptions)"/>
    /// <param name="characterBoxes">Character boxes of the upright mask.</param>
    /// <param name="uprightMask">Upright mask of the dark strokes, in the same coordinates.</param>
    /// <param name="options">The two-row plate's geometry.</param>
    public static (Rect2d Upper, Rect2d Lower)? Find(IReadOnlyList<Rect> characterBoxes, Mat uprightMask, TwoRowOptions options)
    {
        if (characterBoxes.Count < options.MinLowerCharacters || characterBoxes.Count > options.MaxLowerCharacters)
        {
            return null;
        }

        var tops = characterBoxes.Select(r => (double)r.Top).Order().ToArray();
        var bottoms = characterBoxes.Select(r => (double)r.Bottom).Order().ToArray();
        double top = tops[tops.Length / 2], bottom = bottoms[bottoms.Length / 2], height = bottom - top;
        var centres = characterBoxes.Select(r => r.X + r.Width / 2.0).ToArray();
        var gaps = centres.Zip(centres.Skip(1), (a, b) => b - a).Order().ToArray();
        double pitch = gaps[gaps.Length / 2];
        if (pitch < options.MinPitch * height || pitch > options.MaxPitch * height || gaps[^1] > options.MaxGap * pitch || gaps[0] < options.MinGap * pitch)
        {
            return null;
        }

        double left = characterBoxes.Min(r => r.Left), right = characterBoxes.Max(r => r.Right);
        if (characterBoxes.Count < options.MaxLowerCharacters)
        {
            // One end character was lost (the first letter joined to a bolt, the last to the frame): the row is
            // completed on the side whose character-sized slot holds more strokes.
            double inkLeft = InkFraction(uprightMask, left - pitch, left, top, bottom);
            double inkRight = InkFraction(uprightMask, right, right + pitch, top, bottom);
            if (inkLeft >= inkRight)
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

        // The upper row is centred on its own strokes rather than on the lower row: the shear is measured on the
        // lower row and a plate seen from below leans the upper row sideways.
        var moments = Cv2.Moments(band, binaryImage: true);
        double centre = moments.M00 > 0 ? bandLeft + moments.M10 / moments.M00 : (left + right) / 2;
        double margin = options.LowerMargin * height;
        var lower = new Rect2d(left - margin, top - margin, length + 2 * margin, height + 2 * margin);
        var upper = new Rect2d(centre - options.UpperWidth / 2 * length, top - options.UpperTop * height, options.UpperWidth * length, options.UpperHeight * height);
        return (upper, lower);
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
