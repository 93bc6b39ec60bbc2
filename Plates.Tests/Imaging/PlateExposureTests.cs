using OpenCvSharp;
using Plates.Consume;
using Plates.Consume.Colour;
using Plates.Consume.Imaging;

namespace Plates.Tests.Imaging;

[TestClass]
public sealed class PlateExposureTests
{
    private static readonly ExposureOptions Defaults = new();

    [TestMethod]
    public void Normalise_WellLitPatch_IsLeftUnchanged()
    {
        using var patch = new Mat(36, 136, MatType.CV_8UC3, new Scalar(170, 70, 15));
        Cv2.PutText(patch, "A12345", new Point(10, 28), HersheyFonts.HersheySimplex, 0.9, Scalar.All(240), 2);

        using var normalised = PlateExposure.Normalise(patch, Defaults);

        Assert.AreEqual(1, PlateExposure.Gain(patch, Defaults));
        using var difference = new Mat();
        Cv2.Absdiff(patch, normalised, difference);
        Assert.AreEqual(0, Cv2.CountNonZero(difference.Reshape(1)));
    }

    [TestMethod]
    public void Normalise_DimPatch_RaisesItsHighlightsToTheTargetKeepingItsColour()
    {
        // A yellow plate at an eighth of its light: the brightest channel of the background is 30, under the value floors
        // of even the loose yellow test, so it is classed as black until brightened.
        using var dim = new Mat(36, 136, MatType.CV_8UC3, new Scalar(2, 25, 30));
        Cv2.PutText(dim, "A12345", new Point(10, 28), HersheyFonts.HersheySimplex, 0.9, Scalar.All(2), 2);
        Assert.AreNotEqual(PlateColor.Yellow, ColourClassifier.Classify(dim, PlateColours.Standard).Colour);

        using var normalised = PlateExposure.Normalise(dim, Defaults);

        var background = normalised.At<Vec3b>(2, 2);
        Assert.AreEqual(Defaults.TargetHighlight, background.Item2, 3);
        Assert.AreEqual(PlateColor.Yellow, ColourClassifier.Classify(normalised, PlateColours.Standard).Colour);
    }

    [TestMethod]
    public void Normalise_NearBlackPatch_GainIsCapped()
    {
        // Shadow or black paint, whose highlights are noise: raised by at most MaxGain, not to a bright patch.
        using var shadow = new Mat(36, 136, MatType.CV_8UC3, Scalar.All(3));

        using var normalised = PlateExposure.Normalise(shadow, Defaults);

        Assert.AreEqual(Defaults.MaxGain, PlateExposure.Gain(shadow, Defaults));
        Assert.AreEqual(3 * Defaults.MaxGain, normalised.At<Vec3b>(0, 0).Item0, 1);
    }

    [TestMethod]
    public void Gain_EmptyOrGreyPatch_ThrowsArgumentException()
    {
        using var empty = new Mat();
        using var grey = new Mat(36, 136, MatType.CV_8UC1, Scalar.All(100));

        Assert.ThrowsExactly<ArgumentException>(() => PlateExposure.Gain(empty, Defaults));
        Assert.ThrowsExactly<ArgumentException>(() => PlateExposure.Gain(grey, Defaults));
    }
}
