using OpenCvSharp;
using Plates.Consume.Imaging;
using Plates.Consume.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Recognition;

/// <summary>
/// The rules that drop a located candidate whose reading shows it is not a plate (<see cref="ReadingRules"/>), on
/// made-up character confidences, and on scenes where date stamps, foliage, lettering and grille strips were read.
/// </summary>
[TestClass]
public sealed class ReadingRulesTests
{
    private static readonly RecogniserOptions Defaults = new();

    [TestMethod]
    public void Judge_EveryCharacterSure_KeepsTheReading()
    {
        Assert.AreEqual(ReadingRejection.None, ReadingRules.Judge([0.99, 0.98, 1, 0.97, 0.99, 1, 0.95], 0, Defaults));
    }

    [TestMethod]
    public void Judge_OnlyTheProvinceCharacterUnsure_KeepsTheReading()
    {
        Assert.AreEqual(ReadingRejection.None, ReadingRules.Judge([0.21, 1, 0.96, 1, 1, 1, 1], 0, Defaults));
    }

    [TestMethod]
    public void Judge_TwoUnsureCharactersAndTheRestSure_KeepsTheReading()
    {
        Assert.AreEqual(ReadingRejection.None, ReadingRules.Judge([0.28, 0.57, 1, 0.95, 1, 1, 1], 0, Defaults));
    }

    [TestMethod]
    public void Judge_ThreeUnsureCharacters_RejectsTheReading()
    {
        Assert.AreEqual(ReadingRejection.ManyUnsureCharacters, ReadingRules.Judge([0.34, 0.68, 0.62, 0.36, 0.33, 0.92, 0.95], 0, Defaults));
    }

    [TestMethod]
    public void Judge_NoCharacterUnsureButTheRestMiddling_RejectsTheReading()
    {
        // Every character clears the unsure threshold, yet no two of them read surely: a row of lettering, not a plate.
        Assert.AreEqual(ReadingRejection.UnsureBeyondWeakest, ReadingRules.Judge([0.62, 0.7, 0.75, 0.72, 0.9, 0.66, 0.8], 0, Defaults));
    }

    [TestMethod]
    public void Judge_OneWeakCharacterDoesNotCountAgainstTheRest()
    {
        // The same six sure characters, with the seventh read very badly: the rest rule leaves out the weakest.
        Assert.AreEqual(ReadingRejection.None, ReadingRules.Judge([0.05, 0.9, 0.85, 0.95, 0.9, 0.88, 0.92], 0, Defaults));
    }

    [TestMethod]
    public void Judge_OverallConfidenceUnderRejectBelow_RejectsTheReading()
    {
        Assert.AreEqual(ReadingRejection.LowOverall, ReadingRules.Judge([0.2, 0.2, 0.15, 0.3, 0.4, 0.3, 0.2], 0, Defaults));
    }

    [TestMethod]
    [DataRow(88.0)]
    [DataRow(-87.0)]
    [DataRow(63.0)]
    public void Judge_BoxStandingUpright_RejectsTheReading(double tilt)
    {
        Assert.AreEqual(ReadingRejection.Tilted, ReadingRules.Judge([1, 0.7, 1, 1, 1, 1, 1], tilt, Defaults));
    }

    [TestMethod]
    [DataRow(48.0)]
    [DataRow(-36.0)]
    [DataRow(172.0)]
    public void Judge_PlateTiltedLessThanTheLimit_KeepsTheReading(double tilt)
    {
        Assert.AreEqual(ReadingRejection.None, ReadingRules.Judge([1, 1, 1, 1, 1, 1, 1], tilt, Defaults));
    }

    [TestMethod]
    public void Judge_LoosenedOptions_KeepWhatTheDefaultsReject()
    {
        var loose = new RecogniserOptions { RejectBelow = 0, MaxUnsureCharacters = 7, RejectRestBelow = 0, MaxTiltDegrees = 90 };
        double[] lettering = [0.34, 0.68, 0.62, 0.36, 0.33, 0.92, 0.95];

        Assert.AreEqual(ReadingRejection.None, ReadingRules.Judge(lettering, 88, loose));
    }

    [TestMethod]
    [DataRow(0.0, 0.0)]
    [DataRow(170.0, -10.0)]
    [DataRow(-100.0, 80.0)]
    [DataRow(90.0, 90.0)]
    [DataRow(-90.0, 90.0)]
    public void FoldTilt_AngleOfTheSameLine_FallsInMinus90To90(double degrees, double expected)
    {
        Assert.AreEqual(expected, ReadingRules.FoldTilt(degrees), 1e-9);
    }

    [TestMethod]
    [DataRow("川V11111")]
    [DataRow("川L1111T")]
    [DataRow("鄂G11111")]
    public void Judge_UnsureRowOfOnes_IsARowOfBars(string text)
    {
        Assert.AreEqual(ReadingRejection.RowOfBars, ReadingRules.Judge([0.99, 0.5, 1, 1, 1, 1, 1], 0, Defaults, text));
    }

    [TestMethod]
    public void Judge_SureReadingWithFiveOnes_KeepsThePlate()
    {
        Assert.AreEqual(ReadingRejection.None, ReadingRules.Judge([0.99, 0.98, 1, 0.97, 0.99, 1, 0.95], 0, Defaults, "京A11111"));
    }

    [TestMethod]
    [DataRow("湘A1HT11")]
    [DataRow("沪B111B7")]
    [DataRow("京1A11B1")]
    public void Judge_UnsureReadingWithThreeOnesAfterTheFirstTwo_KeepsThePlate(string text)
    {
        // Labels of the data sets with three 1s, and four 1s of which one stands before the serial.
        Assert.AreEqual(ReadingRejection.None, ReadingRules.Judge([0.99, 0.5, 1, 1, 1, 1, 1], 0, Defaults, text));
    }

    [TestMethod]
    public void Recognise_SceneWithAGrilleReadAsOnes_ReturnsNoRowOfOnes()
    {
        // The grille beside the plate read 川V11111 (unsure) before the rule on rows of bars.
        const string plate = "粤A5DP12";
        string path = RecognitionData.RequireScene(plate);

        var result = SharedRecogniser.Instance.Recognise(path);

        Assert.IsTrue(result.Plates.Any(p => p.Text == plate), RecognitionData.Describe(result));
        Assert.IsFalse(result.Plates.Any(p => p.Text.AsSpan(2).Count('1') > 3), RecognitionData.Describe(result));
        using var withoutRule = new PlateRecogniser(options: new RecogniserOptions { MaxOnesAfterCity = 7 });
        Assert.IsTrue(withoutRule.Recognise(path).Plates.Any(p => p.Text.AsSpan(2).Count('1') > 3), "the grille is no longer read as ones: the test proves nothing");
    }

    [TestMethod]
    public void GeometricMean_MatchesTheProductRoot()
    {
        Assert.AreEqual(Math.Pow(0.5 * 0.8 * 1.0, 1.0 / 3), ReadingRules.GeometricMean([0.5, 0.8, 1.0]), 1e-12);
    }

    [TestMethod]
    public void Recognise_SceneWithDateStampAndFoliage_ReturnsOnlyThePlate()
    {
        // Before these rules this photo also gave a yellow-line date stamp, a hedge and a time stamp as plates.
        const string plate = "粤E9R439";
        string path = RecognitionData.RequireScene(plate);
        var truth = RecognitionData.RequireGroundTruthBox(plate);

        var result = SharedRecogniser.Instance.Recognise(path);

        Assert.HasCount(1, result.Plates, RecognitionData.Describe(result));
        Assert.AreEqual(plate, result.Plates[0].Text);
        Assert.IsTrue(RecognitionData.Contains(truth, result.Plates[0].Box.Center));
    }

    [TestMethod]
    public void Recognise_SceneWithLetteringOnAWindow_ReturnsOnlyThePlate()
    {
        const string plate = "津LS2999";
        string path = RecognitionData.RequireScene(plate);

        var result = SharedRecogniser.Instance.Recognise(path);

        Assert.HasCount(1, result.Plates, RecognitionData.Describe(result));
        Assert.AreEqual(plate, result.Plates[0].Text);
    }

    [TestMethod]
    public void Recognise_SceneWithUprightGrilleStrips_ReturnsNoUprightPlate()
    {
        const string plate = "粤AAF230";
        string path = RecognitionData.RequireScene(plate);

        var result = SharedRecogniser.Instance.Recognise(path);

        Assert.IsTrue(result.Plates.Any(p => p.Text == plate), RecognitionData.Describe(result));
        foreach (var read in result.Plates)
            Assert.IsLessThanOrEqualTo(60, Math.Abs(RotatedBoxes.Normalise(read.Box).Angle), $"{read.Text} at {read.Box.Angle}°");
    }

    [TestMethod]
    public void Recognise_RulesLoosened_ReturnsTheRejectedReadingsAgain()
    {
        // Proves the plates missing above are dropped by the rules, not lost by the locator.
        string path = RecognitionData.RequireScene("粤E9R439");
        var loose = new RecogniserOptions { RejectBelow = 0, MaxUnsureCharacters = 7, RejectRestBelow = 0, MaxTiltDegrees = 90 };
        using var recogniser = new PlateRecogniser(options: loose);

        var result = recogniser.Recognise(path);

        Assert.IsGreaterThan(1, result.Plates.Count, RecognitionData.Describe(result));
        Assert.IsTrue(result.Plates.Any(p => SharedRecogniser.Instance.Judge(p) != ReadingRejection.None));
    }
}
