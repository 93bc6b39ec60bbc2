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
    public void Project_PlateLikePoints_EqualsThePointByPointProjectionToTheBit()
    {
        var random = new Random(7);
        foreach (int count in new[] { 0, 1, 3, 4, 5, 257, 3001 })
        {
            const int bins = 74;
            var points = PlateLikePoints(random, count, bins);
            var us = points.Select(p => p.U).ToArray();
            var vs = points.Select(p => p.V).ToArray();
            var projection = new double[bins];
            for (int k = -45; k <= 45; k++)
            {
                double shear = k * 0.01;
                ShearSearch.Project(us, vs, shear, 1, projection);
                var expected = ScalarProjection(points, shear, 1, bins);
                CollectionAssert.AreEqual(expected.Select(BitConverter.DoubleToInt64Bits).ToArray(), projection.Select(BitConverter.DoubleToInt64Bits).ToArray(),
                    $"{count} points at shear {shear}");
            }
        }
    }
}
