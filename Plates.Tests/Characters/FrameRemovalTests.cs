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

    [TestMethod]
    public void RightSideStart_ThinUprightTouchingTheLastCharacterInsideTheBand_IsFoundAtItsLeftEdge()
    {
        using var mask = RowEndingInZero();
        // A frame side two pixels wide, under half the strokes, stopping inside the band and touching the 0 at the bottom.
        Cv2.Rectangle(mask, new Rect(126, 8, 2, 21), Scalar.All(255), -1);
        Cv2.Rectangle(mask, new Rect(120, 27, 6, 2), Scalar.All(255), -1);

        var side = RightSideStart(mask, from: 122);

        Assert.AreEqual(126, side);
    }

    [TestMethod]
    public void RightSideStart_LastCharactersOwnRightStroke_IsNoSide()
    {
        using var mask = RowEndingInZero();

        Assert.IsNull(RightSideStart(mask, from: 100), "the 0's right stroke is as wide as the plate's strokes");
    }

    [TestMethod]
    public void RightSideStart_ThinUprightLeftOfWhereTheLayoutEndsTheRow_IsNoSide()
    {
        using var mask = RowEndingInZero();
        Cv2.Rectangle(mask, new Rect(126, 8, 2, 21), Scalar.All(255), -1);

        Assert.IsNull(RightSideStart(mask, from: 127), "a side must lie beyond the last fitted box");
    }

    /// <summary>Five rings (0s) on the band's rows, 16 pixels wide with strokes of five, the last ending at column 120.</summary>
    private static Mat RowEndingInZero()
    {
        var mask = new Mat(36, 136, MatType.CV_8UC1, Scalar.All(0));
        for (int i = 0; i < 5; i++)
        {
            int x = 104 - 22 * (4 - i);
            Cv2.Rectangle(mask, new Rect(x, 7, 16, 22), Scalar.All(255), -1);
            Cv2.Rectangle(mask, new Rect(x + 5, 12, 6, 12), Scalar.All(0), -1);
        }
        return mask;
    }

    private static int? RightSideStart(Mat mask, int from)
    {
        var bits = Plates.Consume.Imaging.BinaryBits.FromMat(mask);
        var projection = Plates.Consume.Imaging.BinaryBits.ColumnProjection(bits, mask.Cols, Band.Top, Band.Bottom);
        return FrameRemoval.RightSideStart(bits, mask.Cols, projection, Band, from, new BandFrameOptions());
    }

    private static void DrawRing(Mat mask, Rect box) => Cv2.Rectangle(mask, box, Scalar.All(255), 3);
}
