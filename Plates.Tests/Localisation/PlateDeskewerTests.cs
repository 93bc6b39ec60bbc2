using OpenCvSharp;
using Plates.Consume;
using Plates.Consume.Deskew;
using Plates.Consume.Localisation;

namespace Plates.Tests.Localisation;

[TestClass]
public sealed class PlateDeskewerTests
{
    [TestMethod]
    public void Extract_RotatedSyntheticPlate_ReturnsUprightImageOfFixedSize()
    {
        var box = new RotatedRect(new Point2f(400, 300), new Size2f(220, 70), 20);
        using var scene = SyntheticPlates.Scene(new Size(800, 600), box, SyntheticPlates.Blue, SyntheticPlates.White);
        using var upright = SyntheticPlates.Scene(new Size(800, 600), box with { Angle = 0 }, SyntheticPlates.Blue, SyntheticPlates.White);
        var deskewer = new PlateDeskewer();

        using var fromRotated = deskewer.Extract(scene, new PlateCandidate(box, PlateColor.Blue, 1));
        using var fromUpright = deskewer.Extract(upright, new PlateCandidate(box with { Angle = 0 }, PlateColor.Blue, 1));

        Assert.AreEqual(new Size(136, 36), fromRotated.Size());
        Assert.AreEqual(MatType.CV_8UC3, fromRotated.Type());
        Assert.IsGreaterThan(0.8, Correlation(fromRotated, fromUpright), "The rotated plate should come out like the upright one.");
    }

    [TestMethod]
    public void Extract_LooseBox_CropsToThePlate()
    {
        var plate = new RotatedRect(new Point2f(400, 300), new Size2f(220, 70), 0);
        using var scene = SyntheticPlates.Scene(new Size(800, 600), plate, SyntheticPlates.Blue, SyntheticPlates.White);
        var loose = RotatedBoxes.Inflate(plate, 1.15, 1.5);

        using var extract = new PlateDeskewer().Extract(scene, new PlateCandidate(loose, PlateColor.Blue, 1));

        // Grey surroundings in the top and bottom rows would mean the borders were not pulled in to the plate.
        using var hsv = new Mat();
        Cv2.CvtColor(extract, hsv, ColorConversionCodes.BGR2HSV);
        using var topRow = hsv.RowRange(0, 2);
        using var bottomRow = hsv.RowRange(extract.Rows - 2, extract.Rows);
        Assert.IsGreaterThan(0.5, PlateColours.Fraction(topRow, PlateColor.Blue));
        Assert.IsGreaterThan(0.5, PlateColours.Fraction(bottomRow, PlateColor.Blue));
    }

    [TestMethod]
    public void Extract_ShearedSyntheticPlate_StandsCharactersUpright()
    {
        var box = new RotatedRect(new Point2f(400, 300), new Size2f(220, 70), 0);
        using var straight = SyntheticPlates.Scene(new Size(800, 600), box, SyntheticPlates.Blue, SyntheticPlates.White);
        using var sheared = new Mat();
        // Shift rows sideways by 0.3 px per px of height about the plate centre: a plate seen from the side.
        using (var shear = Mat.FromPixelData(2, 3, MatType.CV_64FC1, new double[] { 1, 0.3, -0.3 * 300, 0, 1, 0 }))
        {
            Cv2.WarpAffine(straight, sheared, shear, straight.Size(), InterpolationFlags.Linear, BorderTypes.Replicate);
        }

        var deskewer = new PlateDeskewer();
        using var fromSheared = deskewer.Extract(sheared, new PlateCandidate(box, PlateColor.Blue, 1));
        using var fromStraight = deskewer.Extract(straight, new PlateCandidate(box, PlateColor.Blue, 1));

        Assert.IsGreaterThan(0.75, Correlation(fromSheared, fromStraight));
    }

    [TestMethod]
    public void Extract_BoxPartlyOutsidePhoto_ReturnsFixedSizeImage()
    {
        var box = new RotatedRect(new Point2f(20, 30), new Size2f(160, 50), -10);
        using var scene = SyntheticPlates.Scene(new Size(400, 300), box, SyntheticPlates.Blue, SyntheticPlates.White);

        using var plate = new PlateDeskewer().Extract(scene, new PlateCandidate(box, PlateColor.Blue, 1));

        Assert.AreEqual(PlateDeskewer.OutputSize, plate.Size());
    }

    [TestMethod]
    public void Extract_EmptyBox_Throws()
    {
        using var scene = new Mat(100, 100, MatType.CV_8UC3, Scalar.All(0));
        var empty = new PlateCandidate(new RotatedRect(new Point2f(50, 50), new Size2f(0, 0), 0), PlateColor.Unknown, 0);

        Assert.ThrowsExactly<ArgumentException>(() => new PlateDeskewer().Extract(scene, empty));
    }

    [TestMethod]
    public void EstimateShear_SlantedBars_ReturnsShearThatUndoesTheSlant()
    {
        using var mask = new Mat(40, 200, MatType.CV_8UC1, Scalar.All(0));
        // Bars whose bottoms lie 0.4 px per row right of their tops, x = x0 + 0.4 (y - 20), stood upright by
        // x' = x - 0.4 (y - 20). Kept off the border, which the estimator clears as car body.
        for (int x0 = 20; x0 < 180; x0 += 25)
        {
            Cv2.Line(mask, new Point(x0 - 6, 5), new Point(x0 + 6, 35), Scalar.All(255), 4);
        }

        double shear = PlateDeskewer.EstimateShear(mask);

        Assert.AreEqual(-0.4, shear, 0.06);
    }

    [TestMethod]
    public void WithoutBorderComponents_BlobTouchingEdge_IsRemovedAndInnerBlobKept()
    {
        using var mask = new Mat(40, 200, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Rectangle(mask, new Rect(150, 20, 50, 20), Scalar.All(255), -1);
        Cv2.Rectangle(mask, new Rect(50, 10, 8, 20), Scalar.All(255), -1);

        using var cleaned = PlateDeskewer.WithoutBorderComponents(mask);

        Assert.AreEqual(8 * 20, Cv2.CountNonZero(cleaned));
        Assert.AreEqual(255, cleaned.At<byte>(15, 52));
    }

    [TestMethod]
    public void EstimateShear_UprightBars_ReturnsZero()
    {
        using var mask = new Mat(40, 200, MatType.CV_8UC1, Scalar.All(0));
        for (int x0 = 20; x0 < 180; x0 += 25)
        {
            Cv2.Rectangle(mask, new Rect(x0, 5, 5, 30), Scalar.All(255), -1);
        }

        Assert.AreEqual(0, PlateDeskewer.EstimateShear(mask), 1e-9);
    }

    [TestMethod]
    public void PlateBounds_FewerThanThreeCharacters_ReturnsNull()
    {
        Rect[] boxes = [new(10, 10, 8, 20), new(30, 10, 8, 20)];

        Assert.IsNull(PlateDeskewer.PlateBounds(boxes, new Rect2d(0, 0, 200, 40)));
    }

    [TestMethod]
    public void PlateBounds_FullRow_AddsMarginsAroundCharacters()
    {
        Rect[] boxes = Enumerable.Range(0, 7).Select(i => new Rect(10 + i * 14, 10, 10, 20)).ToArray();

        var bounds = PlateDeskewer.PlateBounds(boxes, new Rect2d(0, 0, 200, 40));

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

        Assert.IsFalse(PlateDeskewer.IsConsistent(new Rect2d(100, 20, 50, 15), located));
        Assert.IsTrue(PlateDeskewer.IsConsistent(new Rect2d(14, 14, 150, 38), located));
    }

    [TestMethod]
    public void PlateBounds_ShortRow_IsWidenedToTheLocatedBox()
    {
        // Five characters found at the left of a located box: the two missing ones may be at either end.
        Rect[] boxes = Enumerable.Range(0, 5).Select(i => new Rect(20 + i * 14, 10, 10, 20)).ToArray();
        var located = new Rect2d(12, 5, 150, 30);

        var bounds = PlateDeskewer.PlateBounds(boxes, located);

        Assert.IsNotNull(bounds);
        Assert.IsLessThanOrEqualTo(12.0, bounds.Value.Left);
        Assert.IsGreaterThanOrEqualTo(162.0, bounds.Value.Right);
    }

    [TestMethod]
    public void Compose_ShiftThenScale_AppliesShiftFirst()
    {
        double[] shift = [1, 0, 5, 0, 1, -2];
        double[] scale = [2, 0, 0, 0, 3, 0];

        var composed = PlateDeskewer.Compose(scale, shift);

        CollectionAssert.AreEqual(new double[] { 2, 0, 10, 0, 3, -6 }, composed);
    }

    private static double Correlation(Mat a, Mat b)
    {
        using var grayA = new Mat();
        using var grayB = new Mat();
        Cv2.CvtColor(a, grayA, ColorConversionCodes.BGR2GRAY);
        Cv2.CvtColor(b, grayB, ColorConversionCodes.BGR2GRAY);
        using var result = new Mat();
        Cv2.MatchTemplate(grayA, grayB, result, TemplateMatchModes.CCoeffNormed);
        return result.At<float>(0, 0);
    }
}
