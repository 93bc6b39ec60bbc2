using Plates.Consume.Imaging;

namespace Plates.Tests.Imaging;

[TestClass]
public sealed class ShearSearchTests
{
    /// <summary>Upright bars slanted by <paramref name="slant"/>, one line per row v in −10..10: x = x0 + slant·v.</summary>
    private static ShearLines SlantedBars(double slant)
    {
        var lines = new ShearLines();
        for (int v = -10; v <= 10; v++)
        {
            lines.AddLine(v);
            for (int x0 = 20; x0 < 180; x0 += 25) lines.Vote((int)Math.Round(x0 + slant * v));
        }
        return lines;
    }

    [TestMethod]
    public void Best_SlantedBars_ReturnsTheShearThatStandsThemUpright()
    {
        var options = new ShearSearchOptions { MaxShear = 1, Step = 0.05 };

        double shear = ShearSearch.Best(SlantedBars(0.4), 20, 240, options);

        Assert.AreEqual(-0.4, shear, 1e-9);
    }

    [TestMethod]
    public void Best_CoarseToFine_FindsWhatTheFullScanFinds()
    {
        var full = new ShearSearchOptions { MaxShear = 1, Step = 0.05, ProportionalPenalty = 0.05 };
        var coarse = full with { CoarseFactor = 4, FineReach = 3 };
        var lines = SlantedBars(-0.65);

        Assert.AreEqual(ShearSearch.Best(lines, 20, 240, full), ShearSearch.Best(lines, 20, 240, coarse), 1e-12);
    }

    [TestMethod]
    public void Best_NothingToProject_KeepsZeroInOutwardOrder()
    {
        var options = new ShearSearchOptions { MaxShear = 0.35, Step = 0.025, ProportionalPenalty = 0.1, Order = ShearOrder.OutwardFromZero };

        Assert.AreEqual(0, ShearSearch.Best(new ShearLines(), 1, 50, options));
    }

    [TestMethod]
    public void Best_UprightBar_KeepsZeroOverEitherMirrorShear()
    {
        // A single upright bar: every shear of the same size either way scores alike; the penalty keeps 0 best.
        var bar = new ShearLines();
        for (int v = -5; v <= 5; v++)
        {
            bar.AddLine(v);
            bar.Vote(10);
        }
        var absolute = new ShearSearchOptions { MaxShear = 0.2, Step = 0.1, AbsolutePenalty = 1e-3, Order = ShearOrder.OutwardFromZero };

        Assert.AreEqual(0, ShearSearch.Best(bar, 1, 30, absolute));
    }

    [TestMethod]
    public void Vote_BeforeAnyLineOrOutOfOrder_Throws()
    {
        Assert.ThrowsExactly<InvalidOperationException>(() => new ShearLines().Vote(3));
        var lines = new ShearLines();
        lines.AddLine(0);
        lines.Vote(3);
        Assert.ThrowsExactly<InvalidOperationException>(() => lines.Vote(3));
    }

    /// <summary>Lines like the segmenter's: V about a centre that may be a half pixel, pixels at whole U, some beyond the bins, some lines empty.</summary>
    private static (ShearLines Lines, List<(int U, double V)> Points) PlateLikeLines(Random random, int count, int bins)
    {
        double centre = random.Next(2) == 0 ? 67.5 : 20;
        var lines = new ShearLines();
        var points = new List<(int, double)>();
        for (int line = 0; line < count; line++)
        {
            double v = line - centre;
            lines.AddLine(v);
            for (int u = -3; u < bins + 3; u++)
                if (random.Next(4) == 0)
                {
                    lines.Vote(u);
                    points.Add((u, v));
                }
        }
        return (lines, points);
    }

    /// <summary>The projection one point at a time, as the search once computed it.</summary>
    private static double[] PointByPointProjection(IEnumerable<(int U, double V)> points, double shear, double offset, int bins)
    {
        var projection = new double[bins];
        foreach (var (u, v) in points)
        {
            double position = u + shear * v + offset;
            int index = (int)Math.Floor(position);
            double fraction = position - index;
            if (index >= 0 && index < projection.Length) projection[index] += 1 - fraction;
            if (index + 1 >= 0 && index + 1 < projection.Length) projection[index + 1] += fraction;
        }
        return projection;
    }

    [TestMethod]
    public void Project_PlateLikeLines_EqualsThePointByPointProjection()
    {
        var random = new Random(7);
        const int bins = 74;
        foreach (int count in new[] { 0, 1, 3, 40, 136 })
        {
            var (lines, points) = PlateLikeLines(random, count, bins);
            for (int k = -45; k <= 45; k++)
            {
                double shear = k * 0.01;
                var projection = new double[bins];
                lines.Project(shear, 1, projection);
                var expected = PointByPointProjection(points, shear, 1, bins);
                for (int b = 0; b < bins; b++)
                    Assert.AreEqual(expected[b], projection[b], 1e-9, $"{count} lines at shear {shear}, bin {b}");
            }
        }
    }

    [TestMethod]
    public void Best_PlateLikeRows_ChoosesWhatThePointByPointSearchChooses()
    {
        static double PointByPointBest(List<(int U, double V)> points, double offset, int bins, ShearSearchOptions options, IEnumerable<int> steps)
        {
            double best = 0, bestScore = double.MinValue;
            foreach (int k in steps)
            {
                double shear = k * options.Step;
                double score = PointByPointProjection(points, shear, offset, bins).Sum(v => v * v) * (1 - options.ProportionalPenalty * Math.Abs(shear)) - options.AbsolutePenalty * Math.Abs(shear);
                if (score > bestScore) (bestScore, best) = (score, shear);
            }
            return best;
        }
        var random = new Random(9);
        var tilt = new ShearSearchOptions { MaxShear = 0.45, Step = 0.01, AbsolutePenalty = 1e-3, Order = ShearOrder.OutwardFromZero };
        var outward = Enumerable.Range(0, 91).Select(k => (k + 1) / 2 * (k % 2 == 0 ? -1 : 1)).ToArray();
        for (int n = 0; n < 20; n++)
        {
            // Columns of a few tilted rows of edges, so that the best shear is not zero and near-ties occur.
            double slope = (random.NextDouble() - 0.5) * 0.6;
            var lines = new ShearLines();
            var points = new List<(int U, double V)>();
            for (int column = 0; column < 136; column++)
            {
                double v = column - 67.5;
                lines.AddLine(v);
                var us = new SortedSet<int>();
                for (int row = 0; row < 3; row++)
                    if (random.Next(3) > 0) us.Add((int)Math.Round(30 + (row - 1) * 8 + slope * v));
                foreach (int u in us)
                {
                    lines.Vote(u);
                    points.Add((u, v));
                }
            }
            Assert.AreEqual(PointByPointBest(points, 1, 74, tilt, outward), ShearSearch.Best(lines, 1, 74, tilt), $"rows at slope {slope}");
        }
    }
}
