using OpenCvSharp;
using Plates.Consume;
using Plates.Consume.Deskew;
using Plates.Consume.Localisation;

namespace Plates.Tests.Localisation;

/// <summary>The plate-layout steps of <see cref="PlateDeskewer"/> and the grouped suppression of <see cref="RotatedBoxes"/>.</summary>
[TestClass]
public sealed class PlateLayoutTests
{
    // Slot centres of a one-row plate at 0.4 px per mm (36 px tall characters), offset 20 px.
    private static readonly double[] OneRowCentres = [22.5, 79.5, 158.5, 215.5, 272.5, 329.5, 386.5];
    private const double PxPerMm = 0.4, Offset = 20, CharHeight = 36;

    private static Rect CharacterAt(double slotCentreMm) =>
        new((int)Math.Round(Offset + PxPerMm * slotCentreMm - 8), 10, 16, (int)CharHeight);

    [TestMethod]
    public void FitLayout_ProvinceMissing_SpansTheWholeRow()
    {
        // Six characters found: the province character fell apart into strokes.
        var boxes = OneRowCentres.Skip(1).Select(CharacterAt).ToArray();

        var span = PlateDeskewer.FitLayout(boxes, CharHeight, new Rect2d(0, 0, 220, 60));

        Assert.IsNotNull(span);
        Assert.AreEqual(Offset, span.Value.Left, 2.0);
        Assert.AreEqual(Offset + PxPerMm * 409, span.Value.Right, 2.0);
    }

    [TestMethod]
    public void FitLayout_FewerThanFourCharacters_ReturnsNull()
    {
        var boxes = OneRowCentres.Skip(4).Select(CharacterAt).ToArray();

        Assert.IsNull(PlateDeskewer.FitLayout(boxes, CharHeight, new Rect2d(0, 0, 220, 60)));
    }

    [TestMethod]
    public void PlateBounds_ProvinceMissing_IsLengthenedToTheFirstSlot()
    {
        var boxes = OneRowCentres.Skip(1).Select(CharacterAt).ToArray();

        var bounds = PlateDeskewer.PlateBounds(boxes, new Rect2d(0, 0, 220, 60), out bool onLayout);

        Assert.IsTrue(onLayout);
        Assert.IsNotNull(bounds);
        Assert.IsLessThan(Offset, bounds.Value.Left);
    }

    [TestMethod]
    public void TwoRowBounds_FiveEvenCharactersUnderStrokes_FindsBothRows()
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

        var rows = PlateDeskewer.TwoRowBounds(lower, mask);

        Assert.IsNotNull(rows);
        Assert.IsLessThanOrEqualTo(44.0, rows.Value.Upper.Bottom);
        Assert.IsLessThanOrEqualTo(30.0, rows.Value.Upper.Top);
        Assert.IsGreaterThanOrEqualTo(68.0, rows.Value.Lower.Bottom);
        Assert.IsLessThan(70.0, rows.Value.Upper.Left);
        Assert.IsGreaterThan(112.0, rows.Value.Upper.Right);
    }

    [TestMethod]
    public void TwoRowBounds_RowWithTheDotGap_ReturnsNull()
    {
        using var mask = new Mat(80, 180, MatType.CV_8UC1, Scalar.All(0));
        mask.Rectangle(new Rect(70, 30, 40, 12), Scalar.All(255), -1);
        // Five characters, the gap after the second as wide as a one-row plate's dot.
        int[] lefts = [40, 58, 86, 104, 122];
        var boxes = lefts.Select(x => new Rect(x, 44, 13, 24)).ToArray();

        Assert.IsNull(PlateDeskewer.TwoRowBounds(boxes, mask));
    }

    [TestMethod]
    public void TwoRowBounds_NothingAboveTheRow_ReturnsNull()
    {
        using var mask = new Mat(80, 180, MatType.CV_8UC1, Scalar.All(0));
        var boxes = Enumerable.Range(0, 5).Select(i => new Rect(45 + i * 18, 44, 13, 24)).ToArray();

        Assert.IsNull(PlateDeskewer.TwoRowBounds(boxes, mask));
    }

    [TestMethod]
    public void SuppressGrouped_OverlappingBoxes_KeepsTheBestWithItsAlternatives()
    {
        var plate = new PlateCandidate(new RotatedRect(new Point2f(100, 100), new Size2f(100, 30), 0), PlateColor.Blue, 0.9);
        var looser = plate with { Box = new RotatedRect(new Point2f(102, 100), new Size2f(120, 36), 0), Score = 0.8 };
        var loosest = plate with { Box = new RotatedRect(new Point2f(104, 100), new Size2f(140, 40), 0), Score = 0.7 };
        var elsewhere = plate with { Box = new RotatedRect(new Point2f(400, 300), new Size2f(100, 30), 0), Score = 0.6 };

        var groups = RotatedBoxes.SuppressGrouped([loosest, elsewhere, plate, looser], 0.4, maxCount: 6, perGroup: 2);

        Assert.HasCount(2, groups);
        CollectionAssert.AreEqual(new[] { plate, looser }, groups[0].ToArray());
        CollectionAssert.AreEqual(new[] { elsewhere }, groups[1].ToArray());
    }
}
