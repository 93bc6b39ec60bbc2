using OpenCvSharp;
using Plates.Consume.Layout;
using Plates.Consume.Segmentation;

namespace Plates.Tests.Segmentation;

[TestClass]
public sealed class BoxRefinerTests
{
    /// <summary>The layout's boxes at a quarter of a pixel per millimetre, as a fit lays them on a 136-pixel plate.</summary>
    private static Rect[] Boxes(PlateLayout layout, double scale = 0.25) =>
        layout.Slots.Select(s => new Rect((int)Math.Round(10 + s.Offset * scale), 5, (int)Math.Round(s.Width * scale), 23)).ToArray();

    [TestMethod]
    public void ChineseBox_PolicePlate_EndsBeforeTheDotAfterTheProvince()
    {
        var boxes = Boxes(PlateLayout.Police);
        var slot = boxes[0];
        double dot = (boxes[0].Right + boxes[1].Left) / 2.0;

        var chinese = BoxRefiner.ChineseBox(boxes, boxes, PlateLayout.Police, 0, new BoxRefineOptions());

        Assert.IsLessThan(dot, chinese.Right, $"box {chinese} reaches the dot at {dot}");
        Assert.IsGreaterThanOrEqualTo(0.8 * slot.Width, slot.Intersect(chinese).Width, $"box {chinese} covers the province's slot {slot}");
    }

    [TestMethod]
    public void ChineseBox_StandardPlate_EndsHalfAGapBeforeTheCityLetter()
    {
        var boxes = Boxes(PlateLayout.StandardSingleRow);
        double gap = BoxRefiner.Pitch(boxes, PlateLayout.StandardSingleRow) - boxes.Average(b => b.Width);

        var chinese = BoxRefiner.ChineseBox(boxes, boxes, PlateLayout.StandardSingleRow, 0, new BoxRefineOptions());

        Assert.AreEqual(boxes[1].Left - (int)Math.Round(gap * 0.5), chinese.Right);
    }
}
