using OpenCvSharp;
using Plates.Consume;
using Plates.Consume.Characters;
using Plates.Tests.Segmentation;

namespace Plates.Tests.Characters;

[TestClass]
public sealed class CharacterMasksTests
{
    [TestMethod]
    public void CharacterMask_PatchWithItsLowerHalfInShadow_StillShowsAFullRowOfCharacters()
    {
        using var plate = CharacterSegmenterTests.HalfShaded(SegmentationPlates.Draw(SegmentationPlates.Yellow, SegmentationPlates.Black));
        using var patch = new Mat();
        Cv2.Resize(plate, patch, new Size(136, 36), 0, 0, InterpolationFlags.Area);
        var options = new CharacterMaskOptions();

        using var mask = CharacterMasks.CharacterMask(patch, PlateColor.Unknown, options, out int blobs);
        // The thorough search (the deskewer's) does not threshold locally: Otsu over grey alone.
        using var otsuOnly = CharacterMasks.CharacterMask(patch, PlateColor.Unknown, options, out int otsuBlobs, thorough: true);

        Assert.IsLessThan(options.FullRow, otsuBlobs, "Otsu over grey takes the shaded half for ink");
        Assert.IsGreaterThanOrEqualTo(options.FullRow, blobs);
    }

    [TestMethod]
    public void ShadowStep_HalfShadedPatch_IsLargeAndALitOneSmall()
    {
        using var lit = SegmentationPlates.Draw(SegmentationPlates.Yellow, SegmentationPlates.Black);
        using var shaded = CharacterSegmenterTests.HalfShaded(lit.Clone());
        using var litGrey = new Mat();
        using var shadedGrey = new Mat();
        Cv2.CvtColor(lit, litGrey, ColorConversionCodes.BGR2GRAY);
        Cv2.CvtColor(shaded, shadedGrey, ColorConversionCodes.BGR2GRAY);
        var options = new CharacterMaskOptions();

        Assert.IsLessThan(options.ShadowStep, CharacterMasks.ShadowStep(litGrey));
        Assert.IsGreaterThan(options.ShadowStep, CharacterMasks.ShadowStep(shadedGrey));
    }
}
