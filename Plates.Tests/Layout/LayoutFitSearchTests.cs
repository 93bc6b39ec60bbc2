using Plates.Consume.Layout;

namespace Plates.Tests.Layout;

/// <summary>
/// The pruned search of <see cref="LayoutFit.FromProjection"/> against the exhaustive one it replaced: the same
/// placement, to the last bit, on projections of plates drawn at random.
/// </summary>
[TestClass]
public sealed class LayoutFitSearchTests
{
    public static IEnumerable<object[]> Layouts =>
    [
        [PlateLayout.StandardSingleRow.Name],
        [PlateLayout.NewEnergy.Name],
        [PlateLayout.Embassy.Name],
    ];

    private static PlateLayout Named(string name) =>
        new[] { PlateLayout.StandardSingleRow, PlateLayout.NewEnergy, PlateLayout.Embassy }.Single(l => l.Name == name);

    /// <summary>The segmenter's working width (one-pixel origin steps, the vector path) and EasyPR's (half-pixel steps).</summary>
    [TestMethod]
    [DynamicData(nameof(Layouts))]
    public void BranchAndBound_DrawnPlates_FindsTheExhaustivePlacement(string layoutName)
    {
        var layout = Named(layoutName);
        var random = new Random(11);
        var options = new ProjectionFitOptions();
        for (int trial = 0; trial < 40; trial++)
        {
            int width = trial % 4 == 3 ? 136 : 272;
            int bandHeight = random.Next(20, 64);
            var projection = DrawnPlate(random, width, bandHeight, layout);
            var search = new LayoutFitSearch(projection, bandHeight, layout, options);

            var exhaustive = search.Exhaustive();
            var pruned = search.BranchAndBound();

            Assert.AreEqual(exhaustive, pruned, $"trial {trial}: width {width}, band {bandHeight}");
        }
    }

    /// <summary>Blank stretches make whole runs of placements score alike: the tie must go where the exhaustive loop sends it.</summary>
    [TestMethod]
    public void BranchAndBound_BlocksWithBlankGaps_BreaksTiesAsTheExhaustiveLoop()
    {
        var layout = PlateLayout.StandardSingleRow;
        var options = new ProjectionFitOptions();
        for (int left = 0; left < 40; left += 3)
        {
            var projection = new double[272];
            // Seven narrow, even blocks: the boxes can slide over the blank columns beside each without changing the score.
            foreach (var slot in layout.Slots)
                for (int x = left + (int)(slot.Offset * 0.55) + 8; x < left + (int)(slot.Offset * 0.55) + 16; x++) projection[x] = 40;
            var search = new LayoutFitSearch(projection, 50, layout, options);

            Assert.AreEqual(search.Exhaustive(), search.BranchAndBound(), $"blocks from {left}");
        }
    }

    [TestMethod]
    public void BranchAndBound_NoRoomForTheRow_ReturnsNoPlacement()
    {
        var search = new LayoutFitSearch(new double[12], 50, PlateLayout.StandardSingleRow, new ProjectionFitOptions());

        Assert.AreEqual(double.MinValue, search.BranchAndBound().Score);
        Assert.AreEqual(search.Exhaustive(), search.BranchAndBound());
    }

    /// <summary>
    /// A band's column projection as the segmenter sees one: the layout's characters at a random scale and place, each a
    /// few strokes of random ink, some touching, some missing, with frame ink at the ends and specks between.
    /// </summary>
    private static double[] DrawnPlate(Random random, int width, int bandHeight, PlateLayout layout)
    {
        var projection = new double[width];
        double scale = bandHeight / layout.CharacterHeight * (0.75 + random.NextDouble() * 1.2) * width / 272.0;
        double origin = random.NextDouble() * Math.Max(1, width - layout.Span * scale) - 0.05 * layout.Span * scale;
        foreach (var slot in layout.Slots)
        {
            if (random.NextDouble() < 0.1) continue;
            int from = (int)Math.Round(origin + slot.Offset * scale), to = (int)Math.Round(origin + slot.Right * scale);
            for (int x = Math.Max(0, from); x < Math.Min(width, to); x++)
                projection[x] += random.NextDouble() < 0.7 ? random.Next(2, bandHeight) : 0;
        }
        for (int x = 0; x < width; x++)
        {
            if (random.NextDouble() < 0.05) projection[x] += random.Next(1, 5);
            if (x < 4 || x >= width - 4) projection[x] += random.NextDouble() < 0.5 ? bandHeight : 0;
            projection[x] = Math.Min(projection[x], bandHeight);
        }
        return projection;
    }
}
