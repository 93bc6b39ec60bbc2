using OpenCvSharp;
using Plates.Consume.Imaging;

namespace Plates.Tests.Imaging;

[TestClass]
public sealed class AffineMapTests
{
    [TestMethod]
    public void Compose_ShiftThenScale_AppliesShiftFirst()
    {
        var shift = new AffineMap(1, 0, 5, 0, 1, -2);
        var scale = new AffineMap(2, 0, 0, 0, 3, 0);

        var composed = AffineMap.Compose(scale, shift);

        Assert.AreEqual(new AffineMap(2, 0, 10, 0, 3, -6), composed);
        Assert.AreEqual(composed, shift.Then(scale));
    }

    [TestMethod]
    public void HorizontalShear_MovesRowsSidewaysAboutTheCentreRow()
    {
        var shear = AffineMap.HorizontalShear(0.5, 10);

        Assert.AreEqual(new Point2d(3, 10), shear.Apply(new Point2d(3, 10)));
        Assert.AreEqual(new Point2d(8, 20), shear.Apply(new Point2d(3, 20)));
    }

    [TestMethod]
    public void VerticalShear_UndoesADescendingBaseline()
    {
        // A baseline descending 0.1 px per px from the centre column 50 is brought level.
        var level = AffineMap.VerticalShear(0.1, 50);

        Assert.AreEqual(30, level.Apply(new Point2d(50, 30)).Y, 1e-12);
        Assert.AreEqual(30, level.Apply(new Point2d(70, 32)).Y, 1e-12);
    }

    [TestMethod]
    public void BoxToPatch_TakesTheBoxCornersToThePatchCorners()
    {
        var box = new RotatedRect(new Point2f(100, 50), new Size2f(80, 20), 30);
        var size = new Size(136, 36);

        var map = AffineMap.BoxToPatch(box, size);

        var corners = RotatedBoxes.Corners(box);
        Point2d[] expected = [new(0, 0), new(136, 0), new(136, 36), new(0, 36)];
        for (int i = 0; i < 4; i++)
        {
            var p = map.Apply(new Point2d(corners[i].X, corners[i].Y));
            Assert.AreEqual(expected[i].X, p.X, 1e-3, $"corner {i}");
            Assert.AreEqual(expected[i].Y, p.Y, 1e-3, $"corner {i}");
        }
    }

    [TestMethod]
    public void Crop_TakesTheRectangleOntoTheWholeImage()
    {
        var map = AffineMap.Crop(new Rect2d(10, 5, 50, 20), new Size(100, 40));

        Assert.AreEqual(new Point2d(0, 0), map.Apply(new Point2d(10, 5)));
        Assert.AreEqual(new Point2d(100, 40), map.Apply(new Point2d(60, 25)));
    }
}
