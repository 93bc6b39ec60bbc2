using OpenCvSharp;
using Plates.Consume;
using Plates.Cli.Evaluation;
using Plates.Consume.Recognition;

namespace Plates.Tests.Cli.Evaluation;

/// <summary>The rule that puts a returned plate on a tagged one, and how a photo is scored with and without tags.</summary>
[TestClass]
public sealed class PlateMatchingTests
{
    private static readonly RotatedRect Tag = new(new Point2f(200, 100), new Size2f(100, 20), 0);

    [TestMethod]
    public void Matches_TightBoxInsideTheTag_CountsByItsCentreThoughIoUIsSmall()
    {
        var tight = new RotatedRect(new Point2f(205, 100), new Size2f(30, 8), 0);

        Assert.IsLessThan(PlateMatching.MinimumIoU, PlateMatching.IoU(tight, Tag));
        Assert.IsTrue(PlateMatching.Matches(tight, Tag));
    }

    [TestMethod]
    public void Matches_BoxCentredJustOffTheTagButCoveringMostOfIt_CountsByIoU()
    {
        // Tag spans y 90–110; this box spans 97–127, its centre (112) below the tag; overlap 13 × 100.
        var low = new RotatedRect(new Point2f(200, 112), new Size2f(100, 30), 0);

        Assert.AreEqual(1300.0 / (2000 + 3000 - 1300), PlateMatching.IoU(low, Tag), 1e-3);
        Assert.IsTrue(PlateMatching.Matches(low, Tag));
    }

    [TestMethod]
    public void Matches_BoxBesideTheTagTouchingItsEdge_DoesNotCount()
    {
        // Same size, shifted by 80 px: centre outside, IoU 20·20 / (2000 + 2000 − 400) ≈ 0.11.
        var beside = new RotatedRect(new Point2f(280, 100), new Size2f(100, 20), 0);

        Assert.IsFalse(PlateMatching.Matches(beside, Tag));
    }

    [TestMethod]
    public void IoU_CrossedThinBoxes_UsesTheRotatedAreasNotTheirUprightBounds()
    {
        // Upright bounds of these two are the same square (IoU 1); the boxes themselves only share the middle.
        var a = new RotatedRect(new Point2f(100, 100), new Size2f(100, 10), 45);
        var b = new RotatedRect(new Point2f(100, 100), new Size2f(100, 10), -45);

        Assert.AreEqual(1.0, PlateMatching.IoU(a, a), 1e-3);
        Assert.IsLessThan(0.1, PlateMatching.IoU(a, b));
    }

    [TestMethod]
    public void Score_RightTextFarFromTheTaggedPlate_IsNotFoundAndIsAFalseDetection()
    {
        TaggedPlate[] tagged = [new(Tag, "京A88731")];

        var outcome = RecognitionEvaluator.Score("京A88731.jpg", "京A88731", [Plate("京A88731", 900, 700)], tagged, 10);

        Assert.AreEqual(PlateMatchingRule.GroundTruthBox, outcome.Matching);
        Assert.IsNull(outcome.Read);
        Assert.AreEqual(MissStage.WrongPlace, outcome.Miss);
        Assert.AreEqual(7, outcome.Errors);
        Assert.AreEqual(1, outcome.FalseDetections);
        CollectionAssert.AreEqual(new[] { "京A88731" }, outcome.FalseDetectionReads.ToArray());
    }

    [TestMethod]
    public void Score_WrongTextOnTheTagAndRightTextElsewhere_ScoresThePlateOnTheTag()
    {
        TaggedPlate[] tagged = [new(Tag, "京A88731")];

        var outcome = RecognitionEvaluator.Score("京A88731.jpg", "京A88731",
            [Plate("京A88731", 900, 700, confidence: 0.99), Plate("京A88781", 202, 101, confidence: 0.5)], tagged, 10);

        Assert.AreEqual("京A88781", outcome.Read);
        Assert.AreEqual(1, outcome.Errors);
        Assert.AreEqual(MissStage.ReadWrong, outcome.Miss);
        Assert.AreEqual(1, outcome.FalseDetections);
    }

    [TestMethod]
    public void Score_PlateOnAnotherTaggedPlateOfThePhoto_IsNotAFalseDetection()
    {
        var other = new RotatedRect(new Point2f(600, 300), new Size2f(80, 20), 0);
        TaggedPlate[] tagged = [new(Tag, "沪A51V39"), new(other, "苏E372XN")];

        var outcome = RecognitionEvaluator.Score("沪A51V39.jpg", "沪A51V39", [Plate("沪A51V39", 200, 100), Plate("苏E372XN", 600, 300)], tagged, 10);

        Assert.IsNull(outcome.Miss);
        Assert.AreEqual(0, outcome.FalseDetections);
    }

    [TestMethod]
    public void Score_WithoutTaggedPlates_KeepsTheClosestTextWhereverItIsAndCountsNoFalseDetections()
    {
        var outcome = RecognitionEvaluator.Score("京A88731.jpg", "京A88731", [Plate("京B00000", 200, 100), Plate("京A88731", 900, 700)], null, 10);

        Assert.AreEqual(PlateMatchingRule.ClosestText, outcome.Matching);
        Assert.AreEqual("京A88731", outcome.Read);
        Assert.IsNull(outcome.Miss);
        Assert.IsNull(outcome.FalseDetections);
    }

    [TestMethod]
    public void From_SomePhotosUntagged_ListsThemAndTotalsFalseDetectionsOverTheTaggedOnes()
    {
        TaggedPlate[] tagged = [new(Tag, "京A88731")];
        PhotoOutcome[] outcomes =
        [
            RecognitionEvaluator.Score("京A88731.jpg", "京A88731", [Plate("京A88731", 200, 100), Plate("京B00000", 900, 700)], tagged, 10),
            RecognitionEvaluator.Score("京A88732.jpg", "京A88732", [Plate("京A88732", 900, 700), Plate("京B00000", 200, 100)], null, 10),
        ];

        var summary = EvaluationSummary.From("scenes", "/scenes", "/scenes/GroundTruth.xml", outcomes);

        Assert.AreEqual(2, summary.Found);
        Assert.AreEqual(1, summary.FalseDetections);
        Assert.AreEqual(1, summary.PhotosCheckedForFalseDetections);
        CollectionAssert.AreEqual(new[] { "京A88732.jpg" }, summary.PhotosWithoutGroundTruth.ToArray());
        StringAssert.Contains(summary.Matching, "IoU ≥ 0.3");
        StringAssert.Contains(EvaluationReportWriter.Markdown(summary), "京A88732.jpg");
    }

    private static RecognisedPlate Plate(string text, float x, float y, double confidence = 0.9)
    {
        var box = new RotatedRect(new Point2f(x, y), new Size2f(100, 20), 0);
        return new RecognisedPlate(text, confidence, [], box, box.Points(), PlateColor.Blue, false, new StageTimings(0, 0, 0, 0));
    }
}
