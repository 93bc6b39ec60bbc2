using OpenCvSharp;
using Plates.Consume;
using Plates.Consume.Localisation;

namespace Plates.Tests.Localisation;

/// <summary>
/// The verifier's plate score: on drawn patches (plates above the locator's threshold, flat patches, grilles and blank
/// plates below it) and ingredient by ingredient on evidence given directly, so that each weight and ramp documented in
/// <see cref="VerifierOptions"/> is pinned.
/// </summary>
[TestClass]
public sealed class CandidateVerifierTests
{
    private static readonly CandidateVerifier Verifier = new();
    private static readonly double MinScore = new PlateLocatorOptions().MinScore;
    private static readonly Size PatchSize = new VerifierOptions().PatchSize;

    /// <summary>Length over height of a standard plate, 440×140 mm.</summary>
    private const double PlateAspect = 440.0 / 140;

    /// <summary>What a clear blue plate shows: seven characters, transitions well inside the full range, most of the patch blue.</summary>
    private static readonly PlateEvidence Plate = new(PlateColor.Blue, 0.7, 7, 20);

    [TestMethod]
    public void Measure_SyntheticPlate_CountsItsSevenCharacters()
    {
        using var patch = DrawnPatch(SyntheticPlates.Blue, SyntheticPlates.White);

        var evidence = Verifier.Measure(patch);

        Assert.AreEqual(7, evidence.CharacterBlobs);
        Assert.IsGreaterThan(0.8, Verifier.Score(evidence, PlateAspect));
    }

    [TestMethod]
    [DataRow("blue", 170, 70, 15, 245, 245, 245)]
    [DataRow("yellow", 20, 190, 235, 20, 20, 20)]
    [DataRow("green", 90, 200, 60, 20, 20, 20)]
    public void Score_DrawnPlatePatch_IsAboveTheLocatorsThresholdAndNamesItsColour(string colour, int b, int g, int r, int inkB, int inkG, int inkR)
    {
        using var patch = DrawnPatch(new Scalar(b, g, r), new Scalar(inkB, inkG, inkR));

        var evidence = Verifier.Measure(patch, new PlateLocatorOptions().MinCharacterBlobs);

        Assert.AreEqual(colour, evidence.Colour.ToString().ToLowerInvariant());
        Assert.IsGreaterThan(MinScore, Verifier.Score(evidence, PlateAspect), evidence.ToString());
    }

    [TestMethod]
    public void Score_BlankPlateColouredPatch_IsBelowTheThreshold()
    {
        // The right colour all over, but nothing to read: the colour's weight alone must not reach the threshold.
        using var blank = new Mat(PatchSize, MatType.CV_8UC3, SyntheticPlates.Blue);

        var evidence = Verifier.Measure(blank);

        Assert.AreEqual(0, evidence.CharacterBlobs);
        Assert.IsLessThan(MinScore, Verifier.Score(evidence, PlateAspect));
    }

    [TestMethod]
    public void Score_FlatGreyPatch_IsZero()
    {
        using var flat = new Mat(PatchSize, MatType.CV_8UC3, SyntheticPlates.Grey);

        Assert.AreEqual(0, Verifier.Score(Verifier.Measure(flat), PlateAspect), 1e-9);
    }

    [TestMethod]
    public void Measure_GrilleOfHorizontalBars_ScoresBelowThreshold()
    {
        using var grille = new Mat(PatchSize, MatType.CV_8UC3, Scalar.All(40));
        for (int y = 3; y < PatchSize.Height; y += 6)
        {
            Cv2.Line(grille, new Point(0, y), new Point(PatchSize.Width - 1, y), Scalar.All(220), 2);
        }

        var evidence = Verifier.Measure(grille);

        Assert.IsLessThan(MinScore, Verifier.Score(evidence, 3.5));
    }

    [TestMethod]
    public void Score_GrilleOfUprightBars_GetsNoTransitionCredit()
    {
        // Thin bars as close as a radiator's: character-shaped one by one, but a row of thirty crosses far more often
        // than a plate's seven characters, and the transitions ingredient takes its weight away.
        using var grille = new Mat(PatchSize, MatType.CV_8UC3, Scalar.All(40));
        for (int x = 2; x < PatchSize.Width; x += 4)
        {
            Cv2.Line(grille, new Point(x, 6), new Point(x, PatchSize.Height - 7), Scalar.All(220), 1);
        }

        var evidence = Verifier.Measure(grille);
        double score = Verifier.Score(evidence, PlateAspect);

        Assert.IsGreaterThan(60.0, evidence.Transitions);
        Assert.AreEqual(Verifier.Score(evidence with { Transitions = 0 }, PlateAspect), score, 1e-9);
        Assert.AreEqual(0.2, Verifier.Score(evidence with { Transitions = 20 }, PlateAspect) - score, 1e-9);
    }

    [TestMethod]
    public void Score_SameStrokesOnBlueRatherThanGrey_GainsTheColourWeight()
    {
        using var blue = DrawnPatch(SyntheticPlates.Blue, SyntheticPlates.White);
        using var grey = DrawnPatch(SyntheticPlates.Grey, SyntheticPlates.White);

        var onBlue = Verifier.Measure(blue);
        var onGrey = Verifier.Measure(grey);

        Assert.AreEqual(PlateColor.Unknown, onGrey.Colour);
        Assert.AreEqual(onBlue.CharacterBlobs, onGrey.CharacterBlobs);
        Assert.AreEqual(0.3, Verifier.Score(onBlue, PlateAspect) - Verifier.Score(onGrey, PlateAspect), 0.02);
    }

    [TestMethod]
    public void Score_TwoCharactersRatherThanSeven_LosesTheCharacterWeight()
    {
        using var seven = DrawnPatch(SyntheticPlates.Blue, SyntheticPlates.White);
        using var two = DrawnPatch(SyntheticPlates.Blue, SyntheticPlates.White, "ZA");

        var full = Verifier.Measure(seven);
        var few = Verifier.Measure(two);

        Assert.IsLessThanOrEqualTo(2, few.CharacterBlobs);
        Assert.IsLessThan(MinScore, Verifier.Score(few, PlateAspect));
        Assert.IsGreaterThanOrEqualTo(0.5, Verifier.Score(full, PlateAspect) - Verifier.Score(few, PlateAspect));
    }

    [TestMethod]
    public void Score_ClearPlateEvidence_IsOne()
    {
        Assert.AreEqual(1, Verifier.Score(Plate, PlateAspect), 1e-9);
    }

    [TestMethod]
    public void Score_EachIngredientMissing_TakesItsWeightAway()
    {
        // Characters weigh most (what the recogniser needs), then colour, then transitions.
        Assert.AreEqual(0.5, Verifier.Score(Plate with { CharacterBlobs = 2 }, PlateAspect), 1e-9);
        Assert.AreEqual(0.7, Verifier.Score(Plate with { Colour = PlateColor.Unknown }, PlateAspect), 1e-9);
        Assert.AreEqual(0.8, Verifier.Score(Plate with { Transitions = 0 }, PlateAspect), 1e-9);
    }

    /// <summary>Character credit rises from none at two blobs (bolts, a badge) to full at six.</summary>
    [TestMethod]
    [DataRow(0, 0.0)]
    [DataRow(2, 0.0)]
    [DataRow(3, 0.25)]
    [DataRow(4, 0.5)]
    [DataRow(6, 1.0)]
    [DataRow(8, 1.0)]
    public void Score_CharacterCredit_RisesFromTwoToSixBlobs(int blobs, double credit)
    {
        double score = Verifier.Score(Plate with { CharacterBlobs = blobs }, PlateAspect);

        Assert.AreEqual(0.5 + 0.5 * credit, score, 1e-9);
    }

    /// <summary>Transition credit is full from 10 to 40 crossings and falls to none at 6 (flat) and 60 (dense texture).</summary>
    [TestMethod]
    [DataRow(4.0, 0.0)]
    [DataRow(6.0, 0.0)]
    [DataRow(8.0, 0.5)]
    [DataRow(10.0, 1.0)]
    [DataRow(40.0, 1.0)]
    [DataRow(50.0, 0.5)]
    [DataRow(60.0, 0.0)]
    [DataRow(90.0, 0.0)]
    public void Score_Transitions_PenaliseFlatPatchesAndDenseTexture(double transitions, double credit)
    {
        double score = Verifier.Score(Plate with { Transitions = transitions }, PlateAspect);

        Assert.AreEqual(0.8 + 0.2 * credit, score, 1e-9);
    }

    [TestMethod]
    public void Score_Colour_FullAtHalfThePatchAndPartForWhiteOrBlack()
    {
        double Credit(PlateColor colour, double fraction) => (Verifier.Score(Plate with { Colour = colour, ColourFraction = fraction }, PlateAspect) - 0.7) / 0.3;

        Assert.AreEqual(0.5, Credit(PlateColor.Blue, 0.25), 1e-9);
        Assert.AreEqual(1, Credit(PlateColor.Yellow, 0.5), 1e-9);
        Assert.AreEqual(1, Credit(PlateColor.Green, 0.9), 1e-9);
        Assert.AreEqual(0.4, Credit(PlateColor.White, 0.9), 1e-9);
        Assert.AreEqual(0.4, Credit(PlateColor.Black, 0.9), 1e-9);
        Assert.AreEqual(0, Credit(PlateColor.Unknown, 0.9), 1e-9);
    }

    [TestMethod]
    public void Score_Shape_ScalesSquatAndLongBoxesDown()
    {
        Assert.AreEqual(0.6, Verifier.Score(Plate, 1.8), 1e-9);
        Assert.AreEqual(0.85, Verifier.Score(Plate, 2.2), 1e-9);
        Assert.AreEqual(1, Verifier.Score(Plate, 2.5), 1e-9);
        Assert.AreEqual(1, Verifier.Score(Plate, 5), 1e-9);
        Assert.AreEqual(0.75, Verifier.Score(Plate, 5.5), 1e-9);
    }

    [TestMethod]
    public void Measure_PatchOfSteepBoxWithStronglyLeaningCharacters_CountsThemOnceUpright()
    {
        // A plate seen from well to one side: cut along its 50° edges, its upright strokes lean by about one patch
        // row per row and run into each other, so that as cut no single character shows.
        using var upright = DrawnPatch(SyntheticPlates.Blue, SyntheticPlates.White, "ZB68308");
        using var leaning = CandidateVerifier.Unshear(upright, -1.0);
        int minBlobs = new PlateLocatorOptions().MinCharacterBlobs;

        var asLevel = Verifier.Measure(leaning, minBlobs, boxAngle: 0);
        var asSteep = Verifier.Measure(leaning, minBlobs, boxAngle: -50);

        Assert.IsLessThan(minBlobs, asLevel.CharacterBlobs);
        Assert.IsGreaterThanOrEqualTo(6, asSteep.CharacterBlobs);
    }

    /// <summary>A drawn plate resized to the verifier's patch size.</summary>
    private static Mat DrawnPatch(Scalar background, Scalar ink, string text = "ZA12345")
    {
        using var plate = SyntheticPlates.Upright(background, ink, text);
        var patch = new Mat();
        Cv2.Resize(plate, patch, PatchSize, 0, 0, InterpolationFlags.Area);
        return patch;
    }
}
