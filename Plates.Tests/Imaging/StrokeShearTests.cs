using OpenCvSharp;
using Plates.Consume.Imaging;

namespace Plates.Tests.Imaging;

[TestClass]
public sealed class StrokeShearTests
{
    [TestMethod]
    public void FromMask_SlantedBars_ReturnsShearThatUndoesTheSlant()
    {
        using var mask = new Mat(40, 200, MatType.CV_8UC1, Scalar.All(0));
        // Bars whose bottoms lie 0.4 px per row right of their tops, x = x0 + 0.4 (y - 20), stood upright by
        // x' = x - 0.4 (y - 20). Kept off the border, which the estimator clears as car body.
        for (int x0 = 20; x0 < 180; x0 += 25)
        {
            Cv2.Line(mask, new Point(x0 - 6, 5), new Point(x0 + 6, 35), Scalar.All(255), 4);
        }

        double shear = StrokeShear.FromMask(mask, new StrokeShearOptions());

        Assert.AreEqual(-0.4, shear, 0.06);
    }

    [TestMethod]
    public void FromMask_UprightBars_ReturnsZero()
    {
        using var mask = new Mat(40, 200, MatType.CV_8UC1, Scalar.All(0));
        for (int x0 = 20; x0 < 180; x0 += 25)
        {
            Cv2.Rectangle(mask, new Rect(x0, 5, 5, 30), Scalar.All(255), -1);
        }

        Assert.AreEqual(0, StrokeShear.FromMask(mask, new StrokeShearOptions()), 1e-9);
    }
}
