using Plates.Consume.Imaging;

namespace Plates.Tests.Imaging;

[TestClass]
public sealed class ShearSearchTests
{
    /// <summary>Pixels of upright bars slanted by <paramref name="slant"/>: x = x0 + slant·v for v in −10..10.</summary>
    private static ShearPoint[] SlantedBars(double slant)
    {
        var points = new List<ShearPoint>();
        for (int x0 = 20; x0 < 180; x0 += 25)
        for (int v = -10; v <= 10; v++)
            points.Add(new ShearPoint(Math.Round(x0 + slant * v), v));
        return [.. points];
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
        var points = SlantedBars(-0.65);

        Assert.AreEqual(ShearSearch.Best(points, 20, 240, full), ShearSearch.Best(points, 20, 240, coarse), 1e-12);
    }

    [TestMethod]
    public void Best_NothingToProject_KeepsZeroInOutwardOrder()
    {
        var options = new ShearSearchOptions { MaxShear = 0.35, Step = 0.025, ProportionalPenalty = 0.1, Order = ShearOrder.OutwardFromZero };

        Assert.AreEqual(0, ShearSearch.Best([], 1, 50, options));
    }

    [TestMethod]
    public void Best_UprightBar_KeepsZeroOverEitherMirrorShear()
    {
        // A single upright bar: every shear of the same size either way scores alike; the penalty keeps 0 best.
        var bar = Enumerable.Range(-5, 11).Select(v => new ShearPoint(10, v)).ToArray();
        var absolute = new ShearSearchOptions { MaxShear = 0.2, Step = 0.1, AbsolutePenalty = 1e-3, Order = ShearOrder.OutwardFromZero };

        Assert.AreEqual(0, ShearSearch.Best(bar, 1, 30, absolute));
    }

    /// <summary>The projection as it was computed before it was vectorised: one point at a time.</summary>
    private static double[] ScalarProjection(ShearPoint[] points, double shear, double offset, int bins)
    {
        var projection = new double[bins];
        foreach (var p in points)
        {
            double position = p.U + shear * p.V + offset;
            int index = (int)Math.Floor(position);
            double fraction = position - index;
            if (index >= 0 && index < projection.Length) projection[index] += 1 - fraction;
            if (index + 1 >= 0 && index + 1 < projection.Length) projection[index + 1] += fraction;
        }
        return projection;
    }

    /// <summary>Points like the segmenter's: whole-pixel U, V about a centre that may be a half pixel, some beyond the bins.</summary>
    private static ShearPoint[] PlateLikePoints(Random random, int count, int bins)
    {
        double centre = random.Next(2) == 0 ? 135.5 : 20;
        return Enumerable.Range(0, count)
            .Select(_ => new ShearPoint(random.Next(-3, bins + 3), random.Next(0, 272) - centre))
            .ToArray();
    }

    [TestMethod]
    public void ProjectBatch_PlateLikePoints_EachLaneEqualsThePointByPointProjectionToTheBit()
    {
        var random = new Random(7);
        const int bins = 74;
        foreach (int count in new[] { 0, 1, 3, 4, 5, 257, 3001 })
        {
            var points = PlateLikePoints(random, count, bins);
            var us = points.Select(p => p.U).ToArray();
            var vs = points.Select(p => p.V).ToArray();
            var projections = new double[ShearSearch.Lanes * bins];
            for (int first = -45; first <= 45; first += ShearSearch.Lanes)
            {
                var shears = Enumerable.Range(first, ShearSearch.Lanes).Select(k => k * 0.01).ToArray();
                ShearSearch.ProjectBatch(us, vs, shears, 1, projections, bins);
                for (int lane = 0; lane < ShearSearch.Lanes; lane++)
                {
                    var expected = ScalarProjection(points, shears[lane], 1, bins);
                    CollectionAssert.AreEqual(expected.Select(BitConverter.DoubleToInt64Bits).ToArray(),
                        projections.Skip(lane * bins).Take(bins).Select(BitConverter.DoubleToInt64Bits).ToArray(), $"{count} points at shear {shears[lane]}");
                }
            }
        }
    }

    [TestMethod]
    public void Best_PlateLikePoints_ChoosesWhatTheOneShearAtATimeSearchChooses()
    {
        // The search as it was: each shear's projection point by point, judged in the grid's order.
        static double ScalarBest(ShearPoint[] points, double offset, int bins, ShearSearchOptions options, IEnumerable<int> steps)
        {
            double best = 0, bestScore = double.MinValue;
            foreach (int k in steps)
            {
                double shear = k * options.Step;
                double score = ScalarProjection(points, shear, offset, bins).Sum(v => v * v) * (1 - options.ProportionalPenalty * Math.Abs(shear)) - options.AbsolutePenalty * Math.Abs(shear);
                if (score > bestScore) (bestScore, best) = (score, shear);
            }
            return best;
        }
        var random = new Random(9);
        var tilt = new ShearSearchOptions { MaxShear = 0.45, Step = 0.01, AbsolutePenalty = 1e-3, Order = ShearOrder.OutwardFromZero };
        var outward = Enumerable.Range(0, 91).Select(k => (k + 1) / 2 * (k % 2 == 0 ? -1 : 1)).ToArray();
        for (int n = 0; n < 20; n++)
        {
            // Points along a few tilted rows, so that the best shear is not zero and near-ties occur.
            double slope = (random.NextDouble() - 0.5) * 0.6;
            var points = Enumerable.Range(0, 400).Select(_ =>
            {
                double v = random.Next(0, 272) - 135.5;
                return new ShearPoint(Math.Round(30 + random.Next(-1, 2) * 8 + slope * v), v);
            }).OrderBy(p => p.U).ThenBy(p => p.V).ToArray();
            Assert.AreEqual(ScalarBest(points, 1, 74, tilt, outward), ShearSearch.Best(points, 1, 74, tilt), $"rows at slope {slope}");
        }
    }
}
