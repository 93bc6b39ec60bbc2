using OpenCvSharp;
using Plates.Consume;
using Plates.Consume.Layout;
using Plates.Consume.Recognition;
using Plates.Consume.Segmentation;
using Plates.Model.Labels;
using Plates.Tests.Layout;
using Plates.Tests.Segmentation;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Recognition;

/// <summary>The reading rules of a format: each position answers only the classes its format allows there.</summary>
[TestClass]
public sealed class PlateReaderFormatsTests
{
    private static PlateReader s_reader = null!;
    private static SegmentedPlate s_plate = null!;

    [ClassInitialize]
    public static void CutALetterPlate(TestContext _)
    {
        s_reader = new PlateReader(PlateRecogniser.DefaultModelsFolder);
        using var drawn = FormatPlates.Draw(PlateLayout.StandardSingleRow, "京ABCDEF", SegmentationPlates.Blue, SegmentationPlates.White);
        s_plate = new CharacterSegmenter().Segment(drawn, PlateColor.Blue) ?? throw new InvalidOperationException("The drawn plate could not be cut.");
    }

    [ClassCleanup]
    public static void DisposeReader() => s_reader?.Dispose();

    [TestMethod]
    public void Read_PositionsAllowingDigitsOnly_AnswerDigitsEvenWhereLettersAreDrawn()
    {
        var digits = PlateFormats.Standard with
        {
            Name = "digits",
            Characters = [CharacterClass.Province, CharacterClass.CityLetter, .. Enumerable.Repeat(CharacterClass.Digit, 5)],
        };
        var (_, free) = s_reader.Read(s_plate, [PlateFormats.Standard])[0];
        var (_, restricted) = s_reader.Read(s_plate, [digits])[0];

        Assert.IsNotNull(free);
        Assert.IsNotNull(restricted);
        Assert.IsTrue(free.Skip(2).Any(c => LabelSets.Letters.Contains(c.Label)), $"unrestricted, the drawn letters read as letters: {string.Concat(free.Select(c => c.Label))}");
        Assert.IsTrue(restricted.Skip(2).All(c => LabelSets.Digits.Contains(c.Label)), string.Concat(restricted.Select(c => c.Label)));
        // Forced away from what the model saw, a position keeps the low probability the model gave the digit.
        Assert.IsLessThan(free.Skip(2).Min(c => c.Confidence), restricted.Skip(2).Min(c => c.Confidence));
    }

    [TestMethod]
    public void Read_FormatAskingForAClassNoModelHas_GivesNoReading()
    {
        var unknown = PlateFormats.Standard with { Name = "unknown suffix", Characters = [.. PlateFormats.Standard.Characters.Take(6), CharacterClass.Chinese("龘")] };
        var readings = s_reader.Read(s_plate, [PlateFormats.Standard, unknown]);

        Assert.IsNotNull(readings[0].Characters, "the standard format still reads");
        Assert.IsNull(readings[1].Characters);
    }

    [TestMethod]
    public void Read_WithoutTheSpecialModel_SpecialFormatsGiveNoReadingAndTheOthersRead()
    {
        using var temp = new TempFolder();
        foreach (string file in new[] { PlateReader.ProvinceModelFile, PlateReader.CityModelFile, PlateReader.AlnumModelFile })
            File.Copy(Path.Combine(PlateRecogniser.DefaultModelsFolder, file), temp.Combine(file));
        using var reader = new PlateReader(temp.Path);

        var readings = reader.Read(s_plate, [PlateFormats.Standard, PlateFormats.Learner, PlateFormats.Police]);

        Assert.IsEmpty(reader.Labels(CharacterModelSlot.Special));
        Assert.IsNotNull(readings[0].Characters, "the standard format reads with three models");
        Assert.IsNull(readings[1].Characters, "学 needs special.zip");
        Assert.IsNull(readings[2].Characters, "警 needs special.zip");
    }

    [TestMethod]
    public void Read_SpecialPosition_IsReadByTheSpecialModelAndAnswersOnlyTheFormatsCharacter()
    {
        CollectionAssert.Contains(s_reader.Labels(CharacterModelSlot.Special).ToArray(), "学", "the shipped models include special.zip");
        var (_, learner) = s_reader.Read(s_plate, [PlateFormats.Learner])[0];

        Assert.IsNotNull(learner);
        Assert.AreEqual("学", learner[6].Label);
        // The drawn plate ends in a letter: the special model and the gate both say so, so 学 reads unsure there.
        Assert.IsLessThan(0.5f, learner[6].Confidence);
    }

    [TestMethod]
    public void Read_EmbassyPlateWithADigitWhereItsCharacterStands_ReadsThe使AsUnsureAsTheGateSays()
    {
        // A caption's digits cut on the embassy layout: the special model has seen no digit and may call the first one
        // 使; the five-character model's class for Chinese characters says no Chinese character stands there.
        using var drawn = FormatPlates.Draw(PlateLayout.Embassy, "2015307", SegmentationPlates.Black, SegmentationPlates.White);
        var plate = new CharacterSegmenter().Segment(drawn, PlateColor.Black, PlateLayout.Embassy, [0], [])
            ?? throw new InvalidOperationException("The drawn plate could not be cut.");
        using var special = new CharacterClassifier(Path.Combine(PlateRecogniser.DefaultModelsFolder, PlateReader.SpecialModelFile));
        float ungated = special.ScoresShifted(plate.ChineseCuts[0])[special.Labels.ToList().IndexOf("使")];

        var (_, embassy) = s_reader.Read(plate, [PlateFormats.Embassy])[0];

        Assert.IsNotNull(embassy);
        Assert.AreEqual("使", embassy[0].Label);
        Assert.IsLessThan(0.2f, embassy[0].Confidence);
        Assert.IsLessThan(ungated / 2, embassy[0].Confidence, $"the special model alone gives P(使) {ungated:F3}");
    }

    [TestMethod]
    public void Read_FormatOfAnotherLength_IsRefused()
    {
        Assert.ThrowsExactly<ArgumentException>(() => s_reader.Read(s_plate, [PlateFormats.NewEnergySmall]));
    }
}
