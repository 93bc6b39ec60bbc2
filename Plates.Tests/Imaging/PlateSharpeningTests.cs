using OpenCvSharp;
using Plates.Consume.Imaging;

namespace Plates.Tests.Imaging;

[TestClass]
public sealed class PlateSharpeningTests
{
    private static readonly SharpeningOptions Defaults = new();

    /// <summary>A blue plate at the segmenter's working size with white characters drawn without anti-aliasing: hard edges.</summary>
    private static Mat SharpPlate(double brightness = 1)
    {
        var plate = new Mat(72, 272, MatType.CV_8UC3, new Scalar(170 * brightness, 70 * brightness, 15 * brightness));
        Cv2.PutText(plate, "A12345", new Point(20, 56), HersheyFonts.HersheySimplex, 1.8, Scalar.All(240 * brightness), 5, LineTypes.Link8);
        return plate;
    }

    private static Mat Blurred(Mat plate, double sigma)
    {
        var blurred = new Mat();
        Cv2.GaussianBlur(plate, blurred, new Size(0, 0), sigma);
        return blurred;
    }

    [TestMethod]
    public void SharpenedIfSoft_SharpPlate_IsLeftAlone()
    {
        using var plate = SharpPlate();

        Assert.IsGreaterThanOrEqualTo(Defaults.SoftBelow, PlateSharpening.Steepness(plate, Defaults));
        Assert.IsNull(PlateSharpening.SharpenedIfSoft(plate, Defaults));
    }

    [TestMethod]
    public void SharpenedIfSoft_BlurredPlate_IsSharpenedToSteeperEdges()
    {
        using var plate = SharpPlate();
        using var blurred = Blurred(plate, 3);
        double soft = PlateSharpening.Steepness(blurred, Defaults);
        Assert.IsLessThan(Defaults.SoftBelow, soft);

        using var sharpened = PlateSharpening.SharpenedIfSoft(blurred, Defaults);

        Assert.IsNotNull(sharpened);
        Assert.AreEqual(blurred.Size(), sharpened.Size());
        Assert.AreEqual(MatType.CV_8UC3, sharpened.Type());
        Assert.IsGreaterThan(soft, PlateSharpening.Steepness(sharpened, Defaults));
    }

    [TestMethod]
    public void SharpenedIfSoft_BlurredStrokesMergedUnderOneThreshold_ArePartedAgain()
    {
        // Pairs of white strokes 7 pixels apart on a blue plate: blurred, Otsu's level over the plate takes the gap for
        // ink, as it fills the gaps of a blurred Chinese character; sharpened, the gap falls under the level again.
        using var plate = new Mat(72, 272, MatType.CV_8UC3, new Scalar(170, 70, 15));
        for (int x = 20; x < 250; x += 35)
        {
            Cv2.Rectangle(plate, new Rect(x, 8, 7, 56), Scalar.All(240), -1);
            Cv2.Rectangle(plate, new Rect(x + 14, 8, 7, 56), Scalar.All(240), -1);
        }
        using var blurred = Blurred(plate, 3.6);
        Assert.IsTrue(GapIsInk(blurred), "the blurred strokes should merge for this test to mean anything");

        using var sharpened = PlateSharpening.SharpenedIfSoft(blurred, Defaults);

        Assert.IsNotNull(sharpened);
        Assert.IsFalse(GapIsInk(sharpened));
    }

    /// <summary>Whether the gap between the first pair of strokes is ink under Otsu's level of the plate's grey.</summary>
    private static bool GapIsInk(Mat plate)
    {
        using var grey = new Mat();
        Cv2.CvtColor(plate, grey, ColorConversionCodes.BGR2GRAY);
        using var binary = new Mat();
        Cv2.Threshold(grey, binary, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        return binary.At<byte>(36, 30) != 0;
    }

    [TestMethod]
    public void Steepness_FallsAsTheBlurWidens()
    {
        using var plate = SharpPlate();
        using var little = Blurred(plate, 1);
        using var more = Blurred(plate, 2);
        using var most = Blurred(plate, 4);

        double[] steepness = [.. new[] { plate, little, more, most }.Select(p => PlateSharpening.Steepness(p, Defaults))];

        for (int i = 1; i < steepness.Length; i++)
            Assert.IsLessThan(steepness[i - 1], steepness[i], $"steepness {string.Join(", ", steepness)}");
    }

    [TestMethod]
    public void Steepness_SamePlateLitHalfAsBrightly_IsAboutTheSame()
    {
        using var bright = Blurred(SharpPlate(), 2);
        using var dim = Blurred(SharpPlate(0.5), 2);

        Assert.AreEqual(PlateSharpening.Steepness(bright, Defaults), PlateSharpening.Steepness(dim, Defaults), 0.1 * PlateSharpening.Steepness(bright, Defaults));
    }

    [TestMethod]
    public void SharpenedIfSoft_PlateRecompressedAtLowQuality_IsNotTakenForSoftWhereTheSamePlateBlurredIs()
    {
        // JPEG at quality 35 drops fine detail as blur does, but keeps the strokes' edges steep: it must not be sharpened.
        using var plate = SharpPlate();
        Cv2.ImEncode(".jpg", plate, out byte[] encoded, new ImageEncodingParam(ImwriteFlags.JpegQuality, 35));
        using var recompressed = Cv2.ImDecode(encoded, ImreadModes.Color);
        using var blurred = Blurred(plate, 3);

        Assert.IsNull(PlateSharpening.SharpenedIfSoft(recompressed, Defaults));
        using var sharpenedBlur = PlateSharpening.SharpenedIfSoft(blurred, Defaults);
        Assert.IsNotNull(sharpenedBlur);
    }

    [TestMethod]
    public void SharpenedIfSoft_SoftRegionOfAPlateSharpAsAWhole_SharpensTheWholeGreyImage()
    {
        // The right half blurred, as a character can be soft on a plate that is not: judged whole the plate is sharp,
        // judged on the blurred half alone it is soft. One grey channel, as the segmenter cuts characters from.
        using var colour = SharpPlate();
        using var plate = new Mat();
        Cv2.CvtColor(colour, plate, ColorConversionCodes.BGR2GRAY);
        var right = new Rect(136, 0, 136, 72);
        using (var half = new Mat(plate, right))
            Cv2.GaussianBlur(half, half, new Size(0, 0), 3);
        Assert.IsNull(PlateSharpening.SharpenedIfSoft(plate, Defaults));

        using var sharpened = PlateSharpening.SharpenedIfSoft(plate, right, Defaults);

        Assert.IsNotNull(sharpened);
        Assert.AreEqual(plate.Size(), sharpened.Size());
        Assert.AreEqual(MatType.CV_8UC1, sharpened.Type());
        Assert.IsGreaterThan(PlateSharpening.Steepness(plate, right, Defaults), PlateSharpening.Steepness(sharpened, right, Defaults));
        var left = new Rect(0, 0, 136, 72);
        using var leftBefore = new Mat(plate, left);
        using var leftAfter = new Mat(sharpened, left);
        using var leftDifference = new Mat();
        Cv2.Absdiff(leftBefore, leftAfter, leftDifference);
        Assert.IsGreaterThan(0, Cv2.CountNonZero(leftDifference), "the whole image is sharpened, not only the region judged");
        Assert.IsNull(PlateSharpening.SharpenedIfSoft(plate, new Rect(0, 0, 136, 72), Defaults), "the sharp half is left alone");
    }

    [TestMethod]
    public void SharpenedIfSoft_BlankPlate_IsLeftAlone()
    {
        using var blank = new Mat(72, 272, MatType.CV_8UC3, new Scalar(170, 70, 15));

        Assert.AreEqual(0, PlateSharpening.Steepness(blank, Defaults));
        Assert.IsNull(PlateSharpening.SharpenedIfSoft(blank, Defaults));
    }

    [TestMethod]
    public void SteepnessAndSharpenedIfSoft_EmptyOrFloatPlate_ThrowArgumentException()
    {
        using var empty = new Mat();
        using var floats = new Mat(72, 272, MatType.CV_32FC1, Scalar.All(100));

        foreach (var plate in new[] { empty, floats })
        {
            Assert.ThrowsExactly<ArgumentException>(() => PlateSharpening.Steepness(plate, Defaults));
            Assert.ThrowsExactly<ArgumentException>(() => PlateSharpening.SharpenedIfSoft(plate, Defaults));
            Assert.ThrowsExactly<ArgumentException>(() => PlateSharpening.Steepness(plate, new Rect(0, 0, 10, 10), Defaults));
            Assert.ThrowsExactly<ArgumentException>(() => PlateSharpening.SharpenedIfSoft(plate, new Rect(0, 0, 10, 10), Defaults));
        }
    }

    [TestMethod]
    public void Steepness_NullOptions_ThrowsArgumentNullException()
    {
        using var plate = SharpPlate();

        Assert.ThrowsExactly<ArgumentNullException>(() => PlateSharpening.Steepness(plate, null!));
        Assert.ThrowsExactly<ArgumentNullException>(() => PlateSharpening.SharpenedIfSoft(plate, null!));
    }
}
