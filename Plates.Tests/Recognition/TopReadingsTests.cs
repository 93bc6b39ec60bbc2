using OpenCvSharp;
using Plates.Consume;
using Plates.Consume.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Recognition;

/// <summary>A plate's alternative readings, from its characters' runners-up: most probable first, exactly.</summary>
[TestClass]
public sealed class TopReadingsTests
{
    /// <summary>Three characters with two candidates each; the eight readings' products are all different.</summary>
    private static RecognisedPlate Plate()
    {
        CharacterPrediction Character(string best, float p, string second, float q) =>
            new(best, p) { RunnersUp = [new CharacterPrediction(second, q)] };
        var characters = new[] { Character("A", 0.9f, "B", 0.1f), Character("1", 0.6f, "7", 0.4f), Character("X", 0.8f, "Y", 0.2f) };
        double confidence = ReadingRules.GeometricMean(characters.Select(c => (double)c.Confidence).ToArray());
        var box = new RotatedRect(new Point2f(50, 20), new Size2f(90, 30), 0);
        return new RecognisedPlate("A1X", confidence, characters, box, box.Points(), PlateColor.Blue, false, new StageTimings(0, 0, 0, 0));
    }

    [TestMethod]
    public void TopReadings_RanksEveryCombinationByTheProductOfItsProbabilities()
    {
        var plate = Plate();

        var readings = plate.TopReadings(8);

        // Products: A1X .432, A7X .288, A1Y .108, A7Y .072, B1X .048, B7X .032, B1Y .012, B7Y .008.
        CollectionAssert.AreEqual(new[] { "A1X", "A7X", "A1Y", "A7Y", "B1X", "B7X", "B1Y", "B7Y" }, readings.Select(r => r.Text).ToArray());
        Assert.AreEqual(Math.Cbrt(0.9 * 0.4 * 0.8), readings[1].Confidence, 1e-6, "the geometric mean of the characters' probabilities");
    }

    [TestMethod]
    public void TopReadings_FirstIsThePlatesOwnTextAndConfidence()
    {
        var plate = Plate();

        var first = plate.TopReadings(3)[0];

        Assert.AreEqual(plate.Text, first.Text);
        Assert.AreEqual(plate.Confidence, first.Confidence, 1e-9);
    }

    [TestMethod]
    public void TopReadings_MoreThanTheCombinations_GivesEachOnce()
    {
        Assert.HasCount(8, Plate().TopReadings(10));
    }

    [TestMethod]
    public void TopReadings_CountUnderOne_Throws()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Plate().TopReadings(0));
    }

    [TestMethod]
    public void TopReadings_RealScene_StartWithTheReadPlateAndFallInConfidence()
    {
        var plate = SharedRecogniser.Instance.Recognise(RecognitionData.RequireScene("粤TD1291")).Plates.Single(p => p.Text == "粤TD1291");

        var readings = plate.TopReadings(5);

        Assert.HasCount(5, readings);
        Assert.AreEqual("粤TD1291", readings[0].Text);
        Assert.AreEqual(5, readings.Select(r => r.Text).Distinct().Count());
        for (int i = 1; i < readings.Count; i++) Assert.IsLessThanOrEqualTo(readings[i - 1].Confidence, readings[i].Confidence);
        Assert.IsTrue(readings.All(r => r.Text.Length == 7));
    }
}
