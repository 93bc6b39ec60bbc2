using OpenCvSharp;
using Plates.Consume.Characters;

namespace Plates.Tests.Characters;

[TestClass]
public sealed class FrameRemovalTests
{
    // A 136×36 mask with its character band on rows 6..29 (24 rows), as the segmenter sees a plate.
    private static readonly CharacterBand Band = new(6, 29);

    [TestMethod]
    public void ClearAroundBand_SolidBlockAsTallAsTheCharacters_IsCleared()
    {
        using var mask = new Mat(36, 136, MatType.CV_8UC1, Scalar.All(0));
        var holder = new Rect(10, 7, 7, 22); // 0.29 band heights wide, fully inked: a holder's edge
        Cv2.Rectangle(mask, holder, Scalar.All(255), -1);
        DrawRing(mask, new Rect(40, 7, 14, 22));

        using var cleaned = FrameRemoval.ClearAroundBand(mask, Band, new BandFrameOptions());

        using (var block = new Mat(cleaned, holder)) Assert.AreEqual(0, Cv2.CountNonZero(block), "the solid block is cleared");
        using (var ring = new Mat(cleaned, new Rect(40, 7, 14, 22))) Assert.IsGreaterThan(100, Cv2.CountNonZero(ring), "the character is kept");
    }

    [TestMethod]
    public void ClearAroundBand_ThickOneStroke_IsKept()
    {
        using var mask = new Mat(36, 136, MatType.CV_8UC1, Scalar.All(0));
        var one = new Rect(60, 7, 4, 22); // a '1' as a solid bar, 0.17 band heights wide
        Cv2.Rectangle(mask, one, Scalar.All(255), -1);

        using var cleaned = FrameRemoval.ClearAroundBand(mask, Band, new BandFrameOptions());

        using var bar = new Mat(cleaned, one);
        Assert.AreEqual(one.Width * one.Height, Cv2.CountNonZero(bar));
    }

    [TestMethod]
    public void ClearAroundBand_SolidBlockUnderTheFillFloor_IsKept()
    {
        using var mask = new Mat(36, 136, MatType.CV_8UC1, Scalar.All(0));
        var holder = new Rect(10, 7, 7, 22);
        Cv2.Rectangle(mask, holder, Scalar.All(255), -1);

        using var cleaned = FrameRemoval.ClearAroundBand(mask, Band, new BandFrameOptions { SolidFill = 2 });

        using var block = new Mat(cleaned, holder);
        Assert.AreEqual(holder.Width * holder.Height, Cv2.CountNonZero(block), "with the rule off the block stays");
    }

    private static void DrawRing(Mat mask, Rect box) => Cv2.Rectangle(mask, box, Scalar.All(255), 3);
}
