using Plates.Consume;
using Plates.Consume.Colour;

namespace Plates.Tests.Colour;

/// <summary>The one colour table: its two kinds of range agree where they must.</summary>
[TestClass]
public sealed class PlateColoursTests
{
    private static readonly PlateColours Table = PlateColours.Standard;

    [TestMethod]
    public void StrictRanges_LieInsideTheirHueBands()
    {
        foreach (var colour in PlateColours.Saturated)
        {
            var strict = Table.Range(colour);
            var band = Table.Hue(colour)!.Value;
            Assert.IsGreaterThanOrEqualTo(band.Low, strict.Low.Val0, colour.ToString());
            Assert.IsLessThanOrEqualTo(band.High, strict.High.Val0, colour.ToString());
        }
    }

    [TestMethod]
    public void HueBands_TileTheHuesFromYellowToBlue()
    {
        Assert.AreEqual(Table.YellowHue.High, Table.GreenHue.Low);
        Assert.AreEqual(Table.GreenHue.High, Table.BlueHue.Low);
        Assert.AreEqual(PlateColor.Yellow, Table.ColourOfHue(Table.YellowHue.High - 1));
        Assert.AreEqual(PlateColor.Green, Table.ColourOfHue(Table.GreenHue.Low));
        Assert.AreEqual(PlateColor.Blue, Table.ColourOfHue(Table.BlueHue.Low));
        Assert.AreEqual(PlateColor.Unknown, Table.ColourOfHue(Table.BlueHue.High));
        Assert.AreEqual(PlateColor.Unknown, Table.ColourOfHue(Table.YellowHue.Low - 1));
    }

    [TestMethod]
    public void BackgroundRange_OnlyForColoursAHueTellsApart()
    {
        Assert.IsNotNull(Table.BackgroundRange(PlateColor.Blue));
        Assert.IsNull(Table.BackgroundRange(PlateColor.White));
        Assert.IsNull(Table.BackgroundRange(PlateColor.Black));
        Assert.IsNull(Table.BackgroundRange(PlateColor.Unknown));
    }

    [TestMethod]
    public void CharacterPolarity_IsOneSideForEachKnownColourAndNeitherForUnknown()
    {
        foreach (var colour in Enum.GetValues<PlateColor>().Where(c => c != PlateColor.Unknown))
            Assert.AreNotEqual(PlateColours.HasDarkCharacters(colour), PlateColours.HasBrightCharacters(colour), colour.ToString());
        Assert.IsFalse(PlateColours.HasDarkCharacters(PlateColor.Unknown));
        Assert.IsFalse(PlateColours.HasBrightCharacters(PlateColor.Unknown));
    }
}
