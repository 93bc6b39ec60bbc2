using OpenCvSharp;
using Plates.Consume;
using Plates.Cli.Evaluation;
using Plates.Consume.Localisation;

namespace Plates.Tests.Localisation;

[TestClass]
public sealed class LocalisationStepTests
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

    [TestMethod]
    public void Suppress_BoxInsideBetterBox_KeepsOnlyTheBetter()
    {
        var outer = new PlateCandidate(new RotatedRect(new Point2f(100, 100), new Size2f(120, 40), 0), PlateColor.Blue, 0.9);
        var inner = new PlateCandidate(new RotatedRect(new Point2f(102, 100), new Size2f(100, 30), 2), PlateColor.Blue, 0.6);
        var elsewhere = new PlateCandidate(new RotatedRect(new Point2f(400, 300), new Size2f(120, 40), 0), PlateColor.Yellow, 0.7);

        var kept = RotatedBoxes.Suppress([inner, outer, elsewhere], overlap: 0.4, maxCount: 5);

        CollectionAssert.AreEqual(new[] { outer, elsewhere }, kept.ToArray());
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
    public void Classify_BluePlatePatch_ReturnsBlue()
    {
        using var plate = SyntheticPlates.Upright(SyntheticPlates.Blue, SyntheticPlates.White);

        var (colour, fraction) = PlateColours.Classify(plate);

        Assert.AreEqual(PlateColor.Blue, colour);
        Assert.IsGreaterThan(0.5, fraction);
    }

    [TestMethod]
    public void Classify_YellowPlatePatch_ReturnsYellow()
    {
        using var plate = SyntheticPlates.Upright(SyntheticPlates.Yellow, SyntheticPlates.Black);

        Assert.AreEqual(PlateColor.Yellow, PlateColours.Classify(plate).Colour);
    }

    [TestMethod]
    public void Classify_WashedOutBluePlatePatch_ReturnsBlue()
    {
        // Grey-blue like a dusty plate in haze: blue hue, saturation well under the strict floor.
        using var plate = SyntheticPlates.Upright(new Scalar(156, 125, 120), SyntheticPlates.White);

        Assert.AreEqual(PlateColor.Blue, PlateColours.Classify(plate).Colour);
    }

    [TestMethod]
    public void Classify_GreyPatch_IsNotASaturatedColour()
    {
        using var grey = new Mat(36, 136, MatType.CV_8UC3, SyntheticPlates.Grey);

        Assert.IsFalse(PlateColours.Saturated.Contains(PlateColours.Classify(grey).Colour));
    }

    [TestMethod]
    public void ClassifyColour_DimYellowPlatePatch_ReturnsYellowWherePlainClassifyingSaysBlack()
    {
        // A yellow plate lit at an eighth: hue and saturation intact, but every pixel under the value floors.
        var dimYellow = new Scalar(SyntheticPlates.Yellow.Val0 / 8, SyntheticPlates.Yellow.Val1 / 8, SyntheticPlates.Yellow.Val2 / 8);
        using var plate = SyntheticPlates.Upright(dimYellow, Scalar.All(2));

        Assert.AreEqual(PlateColor.Black, PlateColours.Classify(plate).Colour);
        Assert.AreEqual(PlateColor.Yellow, CandidateVerifier.ClassifyColour(plate).Colour);
    }

    [TestMethod]
    public void ClassifyColour_DimBluePlatePatch_CountsItsBackgroundAsLit()
    {
        // Blue at a fifth of its light: the loose hue test still names it, but almost none of it lies in the strict
        // range whose share the score counts.
        var dimBlue = new Scalar(SyntheticPlates.Blue.Val0 * 0.22, SyntheticPlates.Blue.Val1 * 0.22, SyntheticPlates.Blue.Val2 * 0.22);
        var dimWhite = new Scalar(SyntheticPlates.White.Val0 * 0.22, SyntheticPlates.White.Val1 * 0.22, SyntheticPlates.White.Val2 * 0.22);
        using var plate = SyntheticPlates.Upright(dimBlue, dimWhite);
        using var lit = SyntheticPlates.Upright(SyntheticPlates.Blue, SyntheticPlates.White);

        var plain = PlateColours.Classify(plate);
        var (colour, fraction) = CandidateVerifier.ClassifyColour(plate);

        Assert.AreEqual(PlateColor.Blue, plain.Colour);
        Assert.IsLessThan(0.1, plain.Fraction);
        Assert.AreEqual(PlateColor.Blue, colour);
        Assert.AreEqual(PlateColours.Classify(lit).Fraction, fraction, 0.1);
    }

    [TestMethod]
    public void ClassifyColour_BlackPlateWithWhiteCharacters_StaysBlack()
    {
        using var plate = SyntheticPlates.Upright(Scalar.All(15), SyntheticPlates.White);

        Assert.AreEqual(PlateColor.Black, CandidateVerifier.ClassifyColour(plate).Colour);
    }

    [TestMethod]
    public void Measure_SyntheticPlate_CountsItsSevenCharacters()
    {
        using var plate = SyntheticPlates.Upright(SyntheticPlates.Blue, SyntheticPlates.White);
        using var patch = new Mat();
        Cv2.Resize(plate, patch, CandidateVerifier.PatchSize, 0, 0, InterpolationFlags.Area);

        var evidence = CandidateVerifier.Measure(patch);

        Assert.AreEqual(7, evidence.CharacterBlobs);
        Assert.IsGreaterThan(0.8, CandidateVerifier.Score(evidence, 440.0 / 140));
    }

    [TestMethod]
    public void Measure_PatchOfSteepBoxWithStronglyLeaningCharacters_CountsThemOnceUpright()
    {
        // A plate seen from well to one side: cut along its 50° edges, its upright strokes lean by about one patch
        // row per row and run into each other, so that as cut no single character shows.
        using var plate = SyntheticPlates.Upright(SyntheticPlates.Blue, SyntheticPlates.White, "ZB68308");
        using var upright = new Mat();
        Cv2.Resize(plate, upright, CandidateVerifier.PatchSize, 0, 0, InterpolationFlags.Area);
        using var leaning = CandidateVerifier.Unshear(upright, -1.0);

        var evidence = CandidateVerifier.Measure(leaning, new PlateLocatorOptions().MinCharacterBlobs, boxAngle: -50);

        Assert.IsGreaterThanOrEqualTo(6, evidence.CharacterBlobs);
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

        using var brightened = CandidateProposals.BrightenedIfDark(hsv);

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

        using var brightened = CandidateProposals.BrightenedIfDark(hsv);

        Assert.IsNull(brightened);
    }

    [TestMethod]
    public void Measure_GrilleOfHorizontalBars_ScoresBelowThreshold()
    {
        using var grille = new Mat(CandidateVerifier.PatchSize, MatType.CV_8UC3, Scalar.All(40));
        for (int y = 3; y < CandidateVerifier.PatchSize.Height; y += 6)
        {
            Cv2.Line(grille, new Point(0, y), new Point(CandidateVerifier.PatchSize.Width - 1, y), Scalar.All(220), 2);
        }

        var evidence = CandidateVerifier.Measure(grille);

        Assert.IsLessThan(new PlateLocatorOptions().MinScore, CandidateVerifier.Score(evidence, 3.5));
    }

    [TestMethod]
    public void IsPlausible_SquareBox_IsRejected()
    {
        var options = new PlateLocatorOptions();

        Assert.IsFalse(CandidateProposals.IsPlausible(new RotatedRect(new Point2f(50, 50), new Size2f(60, 60), 0), new Size(800, 600), options));
        Assert.IsTrue(CandidateProposals.IsPlausible(new RotatedRect(new Point2f(50, 50), new Size2f(120, 38), 0), new Size(800, 600), options));
    }
}
