using OpenCvSharp;
using Plates.Consume.Imaging;

namespace Plates.Tests.Imaging;

[TestClass]
public sealed class RotatedBoxesTests
{
    [TestMethod]
    public void Normalise_TallBox_SwapsSidesAndTurnsAngle()
    {
        var box = RotatedBoxes.Normalise(new RotatedRect(new Point2f(10, 10), new Size2f(34, 98), -86));

        Assert.AreEqual(98, box.Size.Width, 1e-4);
        Assert.AreEqual(34, box.Size.Height, 1e-4);
        Assert.AreEqual(4, box.Angle, 1e-4);
    }

    [TestMethod]
    public void Corners_UnrotatedBox_AreTopLeftTopRightBottomRightBottomLeft()
    {
        var corners = RotatedBoxes.Corners(new RotatedRect(new Point2f(50, 20), new Size2f(40, 10), 0));

        CollectionAssert.AreEqual(new Point2f[] { new(30, 15), new(70, 15), new(70, 25), new(30, 25) }, corners);
    }
}
