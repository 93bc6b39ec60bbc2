using OpenCvSharp;
using Plates.Consume.Characters;
using Plates.Consume.Imaging;

namespace Plates.Consume.Deskew;

/// <summary>
/// Cuts a located plate out of its photo as an upright, tightly cropped image of fixed size: rotation removed by the
/// box, horizontal shear (perspective of a plate seen from the side) removed by making the characters stand upright
/// (<see cref="StrokeShear"/>), and borders moved to the character row (<see cref="PlateBorders"/>, or the two rows of
/// a <see cref="TwoRowPlate"/>). All three are composed into one affine map so the photo is resampled once. Stateless
/// apart from its options, so one instance can serve concurrent callers.
/// </summary>
public sealed class PlateDeskewer
{
    private readonly DeskewOptions _options;

    public PlateDeskewer(DeskewOptions? options = null)
    {
        _options = options ?? new DeskewOptions();
    }

    public DeskewOptions Options => _options;

    /// <summary>Returns a new BGR image of the plate, of <see cref="DeskewOptions.OutputSize"/>; the caller disposes it.</summary>
    /// <param name="bgrPhoto">The photo.</param>
    /// <param name="box">The plate's box in the photo.</param>
    /// <param name="colour">The plate's colour; a yellow plate may have two rows.</param>
    /// <param name="refineBorders">
    /// False keeps the located box's borders (rotation and shear are still removed): a second cut for when the
    /// characters found in the box mislead the borders, such as a date overlay or badge read as part of the row.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="bgrPhoto"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="bgrPhoto"/> is empty or the box has no area.</exception>
    public Mat Extract(Mat bgrPhoto, RotatedRect box, PlateColor colour, bool refineBorders = true)
    {
        ArgumentNullException.ThrowIfNull(bgrPhoto);
        if (bgrPhoto.Empty())
        {
            throw new ArgumentException("Expected a non-empty image.", nameof(bgrPhoto));
        }

        box = RotatedBoxes.Normalise(box);
        if (box.Size.Width < 1 || box.Size.Height < 1)
        {
            throw new ArgumentException("The candidate box has no area.", nameof(box));
        }

        var size = _options.OutputSize;
        var maps = OutputTransforms(bgrPhoto, box, colour, refineBorders);
        if (maps.UpperRow is not { } upperMap)
        {
            return maps.Main.Warp(bgrPhoto, size, InterpolationFlags.Linear, BorderTypes.Replicate);
        }

        var plate = new Mat();
        plate.Create(size, MatType.CV_8UC3);
        int split = TwoRowPlate.Split(_options);
        WarpInto(bgrPhoto, plate, upperMap, new Rect(0, 0, split, size.Height));
        WarpInto(bgrPhoto, plate, maps.Main, new Rect(split, 0, size.Width - split, size.Height));
        return plate;
    }

    /// <summary>Resamples the photo through <paramref name="map"/> into one region of <paramref name="target"/>.</summary>
    private static void WarpInto(Mat bgrPhoto, Mat target, AffineMap map, Rect region)
    {
        using var part = map.Warp(bgrPhoto, region.Size, InterpolationFlags.Linear, BorderTypes.Replicate);
        using var destination = new Mat(target, region);
        part.CopyTo(destination);
    }

    /// <summary>
    /// The affine map(s) from photo pixels to output pixels: padded box to working patch, then shear correction, then
    /// crop to the refined plate borders. <c>Main</c> covers the whole output, or, for a two-row plate, maps the lower
    /// row onto the output right of <see cref="TwoRowPlate.Split"/>; <c>UpperRow</c> is then the map of the upper row
    /// onto the output left of it.
    /// </summary>
    public (AffineMap Main, AffineMap? UpperRow) OutputTransforms(Mat bgrPhoto, RotatedRect box, PlateColor colour, bool refineBorders = true)
    {
        var o = _options;
        var padded = RotatedBoxes.Inflate(box, o.WidthPadding, o.HeightPadding);
        int workHeight = Math.Max(o.MinWorkHeight, (int)Math.Round(o.WorkWidth * padded.Size.Height / padded.Size.Width));
        var workSize = new Size(o.WorkWidth, workHeight);
        var toWork = AffineMap.BoxToPatch(padded, workSize);
        using var patch = toWork.Warp(bgrPhoto, workSize, InterpolationFlags.Linear, BorderTypes.Replicate);

        double shear = StrokeShear.FromEdges(patch, o.Shear);
        var unshear = AffineMap.HorizontalShear(shear, workHeight / 2.0);
        var toUpright = toWork.Then(unshear);
        if (colour == PlateColor.Yellow && TwoRowPlate.Find(patch, unshear, o) is { } rows)
        {
            int split = TwoRowPlate.Split(o);
            var lowerSize = new Size(o.OutputSize.Width - split, o.OutputSize.Height);
            var upperSize = new Size(split, o.OutputSize.Height);
            return (toUpright.Then(AffineMap.Crop(rows.Lower, lowerSize)), toUpright.Then(AffineMap.Crop(rows.Upper, upperSize)));
        }

        var located = PlateBorders.Default(workSize, o);
        if (!refineBorders)
        {
            return (toUpright.Then(AffineMap.Crop(located, o.OutputSize)), null);
        }

        using var characters = CharacterMasks.CharacterMask(patch, colour, o.Characters, out _, thorough: true);
        using var upright = unshear.Warp(characters, workSize, InterpolationFlags.Nearest, BorderTypes.Constant, Scalar.All(0));
        var boxes = CharacterBoxes.Find(upright, o.BorderCharacters);
        var found = PlateBorders.Find(boxes, located, o, out bool onLayout) is { } f && PlateBorders.IsConsistent(f, located, onLayout, o) ? f : (Rect2d?)null;
        return (toUpright.Then(AffineMap.Crop(found ?? located, o.OutputSize)), null);
    }
}
