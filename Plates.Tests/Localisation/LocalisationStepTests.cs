using OpenCvSharp;
using Plates.Consume;
using Plates.Cli.Evaluation;
using Plates.Consume.Localisation;

namespace Plates.Tests.Localisation;

[TestClass]
public sealed class LocalisationStepTests
{
    [TestMethod]
    public void Suppress_BoxInsideBetterBox_KeepsOnlyTheBetter()
    {
        var outer = new PlateCandidate(new RotatedRect(new Point2f(100, 100), new Size2f(120, 40), 0), PlateColor.Blue, 0.9);
        var inner = new PlateCandidate(new RotatedRect(new Point2f(102, 100), new Size2f(100, 30), 2), PlateColor.Blue, 0.6);
        var elsewhere = new PlateCandidate(new RotatedRect(new Point2f(400, 300), new Size2f(120, 40), 0), PlateColor.Yellow, 0.7);

        var kept = CandidateSuppression.Suppress([inner, outer, elsewhere], overlap: 0.4, maxCount: 5);

        CollectionAssert.AreEqual(new[] { outer, elsewhere }, kept.ToArray());
    }

    [TestMethod]
    public void SuppressGrouped_OverlappingBoxes_KeepsTheBestWithItsAlternatives()
    {
        var plate = new PlateCandidate(new RotatedRect(new Point2f(100, 100), new Size2f(100, 30), 0), PlateColor.Blue, 0.9);
        var looser = plate with { Box = new RotatedRect(new Point2f(102, 100), new Size2f(120, 36), 0), Score = 0.8 };
        var loosest = plate with { Box = new RotatedRect(new Point2f(104, 100), new Size2f(140, 40), 0), Score = 0.7 };
        var elsewhere = plate with { Box = new RotatedRect(new Point2f(400, 300), new Size2f(100, 30), 0), Score = 0.6 };

        var groups = CandidateSuppression.SuppressGrouped([loosest, elsewhere, plate, looser], 0.4, maxCount: 6, perGroup: 2);

        Assert.HasCount(2, groups);
        CollectionAssert.AreEqual(new[] { plate, looser }, groups[0].ToArray());
        CollectionAssert.AreEqual(new[] { elsewhere }, groups[1].ToArray());
    }

    [TestMethod]
    public void WorkingScale_WidePhoto_ShrinksToWorkingWidth()
    {
        var options = new PlateLocatorOptions();

        Assert.AreEqual(0.25, PlateLocator.WorkingScale(4000, options), 1e-9);
        Assert.AreEqual(1.0, PlateLocator.WorkingScale(800, options), 1e-9);
        Assert.AreEqual(2.0, PlateLocator.WorkingScale(320, options), 1e-9);
    }

    [TestMethod]
    public void BrightenedIfDark_DimYellowPlateInDarkPhoto_IsProposedByColourOnlyOnceBrightened()
    {
        // A plate lit like the rest of a dusk photo: yellow in hue and saturation, but under the value floor.
        var truth = new RotatedRect(new Point2f(400, 300), new Size2f(220, 70), 0);
        var dimYellow = new Scalar(SyntheticPlates.Yellow.Val0 * 0.22, SyntheticPlates.Yellow.Val1 * 0.22, SyntheticPlates.Yellow.Val2 * 0.22);
        using var scene = new Mat(new Size(800, 600), MatType.CV_8UC3, Scalar.All(25));
        SyntheticPlates.Draw(scene, truth, dimYellow, Scalar.All(5));
        using var hsv = new Mat();
        Cv2.CvtColor(scene, hsv, ColorConversionCodes.BGR2HSV);
        var options = new PlateLocatorOptions();

        using var brightened = CandidateProposals.BrightenedIfDark(hsv, options.Proposals);

        Assert.IsFalse(CandidateProposals.FromColour(hsv, PlateColor.Yellow, options).Any(b => PlateMatching.Matches(b, truth)));
        Assert.IsNotNull(brightened);
        Assert.IsTrue(CandidateProposals.FromColour(brightened, PlateColor.Yellow, options).Any(b => PlateMatching.Matches(b, truth)));
    }

    [TestMethod]
    public void BrightenedIfDark_DaylightPhoto_IsLeftAsItIs()
    {
        using var scene = SyntheticPlates.Scene(new Size(800, 600), new RotatedRect(new Point2f(400, 300), new Size2f(220, 70), 0), SyntheticPlates.Blue, SyntheticPlates.White);
        using var hsv = new Mat();
        Cv2.CvtColor(scene, hsv, ColorConversionCodes.BGR2HSV);

        using var brightened = CandidateProposals.BrightenedIfDark(hsv, new ProposalOptions());

        Assert.IsNull(brightened);
    }

    [TestMethod]
    public void IsPlausible_SquareBox_IsRejected()
    {
        var options = new PlateLocatorOptions();

        Assert.IsFalse(CandidateProposals.IsPlausible(new RotatedRect(new Point2f(50, 50), new Size2f(60, 60), 0), new Size(800, 600), options));
        Assert.IsTrue(CandidateProposals.IsPlausible(new RotatedRect(new Point2f(50, 50), new Size2f(120, 38), 0), new Size(800, 600), options));
    }
}
