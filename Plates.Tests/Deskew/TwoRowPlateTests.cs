using OpenCvSharp;
using Plates.Consume.Deskew;

namespace Plates.Tests.Deskew;

[TestClass]
public sealed class TwoRowPlateTests
{
    [TestMethod]
    public void Find_FiveEvenCharactersUnderStrokes_FindsBothRows()
    {
        using var mask = new Mat(80, 180, MatType.CV_8UC1, Scalar.All(0));
        // Lower row: five 24 px tall characters at an 18 px pitch, from y = 44.
        var lower = Enumerable.Range(0, 5).Select(i => new Rect(45 + i * 18, 44, 13, 24)).ToArray();
        foreach (var r in lower)
        {
            mask.Rectangle(r, Scalar.All(255), -1);
        }

        // Upper row: two shorter characters above the middle of the lower row.
        mask.Rectangle(new Rect(70, 30, 12, 12), Scalar.All(255), -1);
        mask.Rectangle(new Rect(100, 30, 12, 12), Scalar.All(255), -1);

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
}
