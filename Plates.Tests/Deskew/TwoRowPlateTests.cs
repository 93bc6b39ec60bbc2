using OpenCvSharp;
using Plates.Consume.Deskew;

namespace Plates.Tests.Deskew;

[TestClass]
public sealed class TwoRowPlateTests
{
    [TestMethod]
    public void Find_FiveEvenCharactersUnderStrokes_FindsBothRows()
    {
        var lower = FiveLowerCharacters();
        using var mask = TwoRowMask(lower);

        var rows = TwoRowPlate.Find(lower, mask, new TwoRowOptions());

        Assert.IsNotNull(rows);
        Assert.IsLessThanOrEqualTo(44.0, rows.Value.Upper.Bottom);
        Assert.IsLessThanOrEqualTo(30.0, rows.Value.Upper.Top);
        Assert.IsGreaterThanOrEqualTo(68.0, rows.Value.Lower.Bottom);
        Assert.IsLessThan(70.0, rows.Value.Upper.Left);
        Assert.IsGreaterThan(112.0, rows.Value.Upper.Right);
    }

    [TestMethod]
    public void Find_RowWithTheDotGap_ReturnsNull()
    {
        using var mask = new Mat(80, 180, MatType.CV_8UC1, Scalar.All(0));
        mask.Rectangle(new Rect(70, 30, 40, 12), Scalar.All(255), -1);
        // Five characters, the gap after the second as wide as a one-row plate's dot.
        int[] lefts = [40, 58, 86, 104, 122];
        var boxes = lefts.Select(x => new Rect(x, 44, 13, 24)).ToArray();

        Assert.IsNull(TwoRowPlate.Find(boxes, mask, new TwoRowOptions()));
    }

    [TestMethod]
    public void Find_NothingAboveTheRow_ReturnsNull()
    {
        using var mask = new Mat(80, 180, MatType.CV_8UC1, Scalar.All(0));
        var boxes = Enumerable.Range(0, 5).Select(i => new Rect(45 + i * 18, 44, 13, 24)).ToArray();

        Assert.IsNull(TwoRowPlate.Find(boxes, mask, new TwoRowOptions()));
    }

    [TestMethod]
    public void Find_OnSlots_DarkBlockBesideTheRowAndTheFirstCharacterLost_LeavesTheBlockOutAndCompletesTheRowOnTheCharactersSide()
    {
        var characters = FiveLowerCharacters();
        using var mask = TwoRowMask(characters, width: 200);
        // A holder beside the plate: a solid block taller than the row and standing higher, found as a box; the first
        // character is not (joined to something on its left). The block's slot holds more stroke than the first
        // character's, so completing on the side with more would take the block.
        var block = new Rect(133, 36, 18, 32);
        mask.Rectangle(block, Scalar.All(255), -1);
        var boxes = characters.Skip(1).Append(block).ToArray();

        var rows = TwoRowPlate.Find(boxes, mask, new TwoRowOptions { LayOnSlots = true });

        Assert.IsNotNull(rows);
        Assert.IsLessThan(45.0, rows.Value.Lower.Left, "the lost first character is inside the lower row");
        Assert.IsLessThan(137.0, rows.Value.Lower.Right, "the block is outside the lower row, which ends a margin past the last character");
    }

    [TestMethod]
    public void Find_OnSlots_ThinOneAtTheRowsEnd_KeepsItsWholeSlotInsideTheLowerRow()
    {
        var boxes = FiveLowerCharacters().Take(4).Append(new Rect(45 + 4 * 18 + 5, 44, 3, 24)).ToArray();
        using var mask = TwoRowMask(boxes);

        var rows = TwoRowPlate.Find(boxes, mask, new TwoRowOptions { LayOnSlots = true });

        Assert.IsNotNull(rows);
        // The 1 stands in the middle of a slot as wide as the others (45 + 72 to 45 + 85).
        Assert.IsGreaterThanOrEqualTo(45.0 + 85, rows.Value.Lower.Right);
    }

    [TestMethod]
    public void Find_OnSlots_UpperRow_PutsItsStrokesWhereTheFirstTwoCharactersOfAOneRowPlateGo()
    {
        var lower = FiveLowerCharacters();
        using var mask = TwoRowMask(lower);
        var options = new DeskewOptions();
        var slots = TwoRowPlate.UpperSlots(options);

        var rows = TwoRowPlate.Find(lower, mask, options.TwoRows with { LayOnSlots = true }, slots);

        Assert.IsNotNull(rows);
        var upper = rows.Value.Upper;
        // The strokes' centre (x = 91) is laid on the middle of the first two slots, which lies left of the middle of
        // the output left of the split (that also holds the wide gap after the second character).
        double strokesAt = (91 - upper.X) / upper.Width;
        Assert.AreEqual((slots.Left + slots.Right) / 2, strokesAt, 0.01);
        Assert.IsLessThan(0.5, strokesAt);
    }

    /// <summary>A lower row: five 24 px tall characters at an 18 px pitch, from (45, 44).</summary>
    private static Rect[] FiveLowerCharacters() => Enumerable.Range(0, 5).Select(i => new Rect(45 + i * 18, 44, 13, 24)).ToArray();

    /// <summary>A mask with these lower-row characters and an upper row of two shorter characters above their middle (x 70–82 and 100–112).</summary>
    private static Mat TwoRowMask(IEnumerable<Rect> lowerCharacters, int width = 180)
    {
        var mask = new Mat(80, width, MatType.CV_8UC1, Scalar.All(0));
        foreach (var r in lowerCharacters)
        {
            mask.Rectangle(r, Scalar.All(255), -1);
        }

        mask.Rectangle(new Rect(70, 30, 12, 12), Scalar.All(255), -1);
        mask.Rectangle(new Rect(100, 30, 12, 12), Scalar.All(255), -1);
        return mask;
    }
}
