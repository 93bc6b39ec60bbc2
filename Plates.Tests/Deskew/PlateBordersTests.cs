using OpenCvSharp;
using Plates.Consume.Deskew;

namespace Plates.Tests.Deskew;

[TestClass]
public sealed class PlateBordersTests
{
    private static readonly DeskewOptions Options = new();

    // Slot centres of a one-row plate at 0.4 px per mm (36 px tall characters), offset 20 px.
    private static readonly double[] OneRowCentres = [22.5, 79.5, 158.5, 215.5, 272.5, 329.5, 386.5];
    private const double PxPerMm = 0.4, Offset = 20, CharHeight = 36;

    private static Rect CharacterAt(double slotCentreMm) =>
        new((int)Math.Round(Offset + PxPerMm * slotCentreMm - 8), 10, 16, (int)CharHeight);

    [TestMethod]
    public void Find_FewerThanThreeCharacters_ReturnsNull()
    {
        Rect[] boxes = [new(10, 10, 8, 20), new(30, 10, 8, 20)];

        Assert.IsNull(PlateBorders.Find(boxes, new Rect2d(0, 0, 200, 40), Options, out _));
    }

    [TestMethod]
    public void Find_FullRow_AddsMarginsAroundCharacters()
    {
        Rect[] boxes = Enumerable.Range(0, 7).Select(i => new Rect(10 + i * 14, 10, 10, 20)).ToArray();

        var bounds = PlateBorders.Find(boxes, new Rect2d(0, 0, 200, 40), Options, out _);

        Assert.IsNotNull(bounds);
        Assert.IsLessThan(10, bounds.Value.Left);
        Assert.IsGreaterThan(104, bounds.Value.Right);
        Assert.IsLessThan(10, bounds.Value.Top);
        Assert.IsGreaterThan(30, bounds.Value.Bottom);
    }

    [TestMethod]
    public void IsConsistent_FragmentMuchSmallerThanLocatedBox_IsRejected()
    {
        var located = new Rect2d(10, 10, 160, 44);

        Assert.IsFalse(PlateBorders.IsConsistent(new Rect2d(100, 20, 50, 15), located, onLayout: false, Options));
        Assert.IsTrue(PlateBorders.IsConsistent(new Rect2d(14, 14, 150, 38), located, onLayout: false, Options));
    }

    [TestMethod]
    public void Find_ShortRow_IsWidenedToTheLocatedBox()
    {
        // Five characters found at the left of a located box: the two missing ones may be at either end.
        Rect[] boxes = Enumerable.Range(0, 5).Select(i => new Rect(20 + i * 14, 10, 10, 20)).ToArray();
        var located = new Rect2d(12, 5, 150, 30);

        var bounds = PlateBorders.Find(boxes, located, Options, out _);

        Assert.IsNotNull(bounds);
        Assert.IsLessThanOrEqualTo(12.0, bounds.Value.Left);
        Assert.IsGreaterThanOrEqualTo(162.0, bounds.Value.Right);
    }

    [TestMethod]
    public void Find_ProvinceMissing_IsLengthenedToTheFirstSlot()
    {
        var boxes = OneRowCentres.Skip(1).Select(CharacterAt).ToArray();

        var bounds = PlateBorders.Find(boxes, new Rect2d(0, 0, 220, 60), Options, out bool onLayout);

        Assert.IsTrue(onLayout);
        Assert.IsNotNull(bounds);
        Assert.IsLessThan(Offset, bounds.Value.Left);
    }
}
