using OpenCvSharp;
using Plates.Consume;
using Plates.Consume.Layout;
using Plates.Consume.Segmentation;
using Plates.Tests.Layout;

namespace Plates.Tests.Segmentation;

/// <summary>The segmenter on layouts other than the standard one: eight characters, a Chinese character at the end.</summary>
[TestClass]
public sealed class LayoutSegmentationTests
{
    private static readonly CharacterSegmenter s_segmenter = new();

    [TestMethod]
    public void Segment_EightCharacterPlateOnTheNewEnergyLayout_CutsEachDrawnCharacter()
    {
        using var plate = FormatPlates.Draw(PlateLayout.NewEnergy, "AAD12345", FormatPlates.Green, Scalar.All(25));
        var cut = s_segmenter.Segment(plate, PlateColor.Green, PlateLayout.NewEnergy, [], []);

        Assert.IsNotNull(cut);
        Assert.AreEqual(8, cut.Count);
        for (int i = 0; i < 8; i++)
        {
            var drawn = FormatPlates.ExpectedBox(PlateLayout.NewEnergy, i);
            double centre = cut.Boxes[i].X + cut.Boxes[i].Width / 2.0, expected = drawn.X + drawn.Width / 2.0;
            Assert.AreEqual(expected, centre, drawn.Width * 0.35, $"character {i}: box {cut.Boxes[i]}, drawn {drawn}");
        }
        Assert.IsGreaterThan(0.97, cut.FitShare, "the layout explains the row's ink");
    }

    [TestMethod]
    public void Segment_ChineseLastCharacterEitherWay_CutsItAsAChineseCharacterBesideTheFifth()
    {
        var layout = PlateLayout.StandardSingleRow;
        using var plate = FormatPlates.Draw(layout, "AA1234学", SegmentationPlates.Yellow, Scalar.All(25));
        var cut = s_segmenter.Segment(plate, PlateColor.Yellow, layout, [], [6]);

        Assert.IsNotNull(cut);
        Assert.IsTrue(cut.ChineseCuts.ContainsKey(6), "the last position is also cut as a Chinese character");
        Assert.HasCount(3, cut.ChineseCuts[6], "the usual cut, a stricter one and a wider one");
        Assert.IsTrue(cut.ChineseCuts[6].All(c => c.Count(p => p > 127) > 40), "each Chinese cut carries the glyph's strokes");
        var drawn = FormatPlates.ExpectedBox(layout, 6);
        Assert.AreEqual(drawn.X + drawn.Width / 2.0, cut.Boxes[6].X + cut.Boxes[6].Width / 2.0, drawn.Width * 0.35);
        Assert.IsNotEmpty(cut.LastCharacterAlternatives, "read as a letter or digit too, the last position keeps its widened cuts");
    }

    [TestMethod]
    public void Segment_ChineseLastCharacterAlways_CutsItOnlyAsAChineseCharacter()
    {
        var layout = PlateLayout.StandardSingleRow;
        using var plate = FormatPlates.Draw(layout, "AA1234警", SegmentationPlates.White, Scalar.All(25));
        var cut = s_segmenter.Segment(plate, PlateColor.White, layout, [0, 6], []);

        Assert.IsNotNull(cut);
        CollectionAssert.AreEqual(cut.ChineseCuts[6][0], cut.Characters[6], "its character image is its Chinese cut");
        Assert.IsEmpty(cut.LastCharacterAlternatives, "no letter-or-digit cuts for a position that is always Chinese");
    }
}
