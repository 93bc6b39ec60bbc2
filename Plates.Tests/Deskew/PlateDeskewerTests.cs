using OpenCvSharp;
using Plates.Consume;
using Plates.Consume.Colour;
using Plates.Consume.Deskew;
using Plates.Consume.Imaging;
using Plates.Tests.Localisation;

namespace Plates.Tests.Deskew;

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

        using var fromRotated = deskewer.Extract(scene, box, PlateColor.Blue);
        using var fromUpright = deskewer.Extract(upright, box with { Angle = 0 }, PlateColor.Blue);

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

        using var extract = new PlateDeskewer().Extract(scene, loose, PlateColor.Blue);

        // Grey surroundings in the top and bottom rows would mean the borders were not pulled in to the plate.
        using var hsv = new Mat();
        Cv2.CvtColor(extract, hsv, ColorConversionCodes.BGR2HSV);
        using var topRow = hsv.RowRange(0, 2);
        using var bottomRow = hsv.RowRange(extract.Rows - 2, extract.Rows);
        Assert.IsGreaterThan(0.5, PlateColours.Standard.Fraction(topRow, PlateColor.Blue));
        Assert.IsGreaterThan(0.5, PlateColours.Standard.Fraction(bottomRow, PlateColor.Blue));
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
        using var fromSheared = deskewer.Extract(sheared, box, PlateColor.Blue);
        using var fromStraight = deskewer.Extract(straight, box, PlateColor.Blue);

        Assert.IsGreaterThan(0.75, Correlation(fromSheared, fromStraight));
    }

    [TestMethod]
    public void Extract_BoxPartlyOutsidePhoto_ReturnsFixedSizeImage()
    {
        var box = new RotatedRect(new Point2f(20, 30), new Size2f(160, 50), -10);
        using var scene = SyntheticPlates.Scene(new Size(400, 300), box, SyntheticPlates.Blue, SyntheticPlates.White);

        using var plate = new PlateDeskewer().Extract(scene, box, PlateColor.Blue);

        Assert.AreEqual(new DeskewOptions().OutputSize, plate.Size());
    }

    [TestMethod]
    public void Extract_EmptyBox_Throws()
    {
        using var scene = new Mat(100, 100, MatType.CV_8UC3, Scalar.All(0));
        var empty = new RotatedRect(new Point2f(50, 50), new Size2f(0, 0), 0);

        Assert.ThrowsExactly<ArgumentException>(() => new PlateDeskewer().Extract(scene, empty, PlateColor.Unknown));
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
