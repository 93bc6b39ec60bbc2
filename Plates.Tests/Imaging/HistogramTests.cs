using Plates.Consume.Imaging;

namespace Plates.Tests.Imaging;

[TestClass]
public sealed class HistogramTests
{
    [TestMethod]
    public void OfBytes_CountsEachValue()
    {
        var counts = Histogram.OfBytes([0, 7, 7, 255]);

        Assert.HasCount(256, counts);
        Assert.AreEqual(1, counts[0]);
        Assert.AreEqual(2, counts[7]);
        Assert.AreEqual(1, counts[255]);
        Assert.AreEqual(4, counts.Sum());
    }

    [TestMethod]
    public void Quantile_IsTheLowestLevelWithThatShareAtOrBelowIt()
    {
        // Values 10 (×3), 20 (×1): three quarters lie at or below 10, all at or below 20.
        var counts = Histogram.OfBytes([10, 10, 10, 20]);

        Assert.AreEqual(10, Histogram.Quantile(counts, 0.5));
        Assert.AreEqual(10, Histogram.Quantile(counts, 0.75));
        Assert.AreEqual(20, Histogram.Quantile(counts, 0.76));
    }

    [TestMethod]
    public void LevelLeavingAtMost_LeavesNoMoreThanTheShareAbove()
    {
        // Values 10 (×2), 20 (×1), 30 (×1): a quarter lies above 20 (the 30), half above 10 (20 and 30), none above 30.
        var counts = Histogram.OfBytes([10, 10, 20, 30]);

        Assert.AreEqual(20, Histogram.LevelLeavingAtMost(counts, 0.25));
        Assert.AreEqual(10, Histogram.LevelLeavingAtMost(counts, 0.5));
        Assert.AreEqual(30, Histogram.LevelLeavingAtMost(counts, 0));
        Assert.AreEqual(0, Histogram.LevelLeavingAtMost(counts, 1));
    }

    [TestMethod]
    public void Quantile_NothingCounted_IsTheLastLevel()
    {
        Assert.AreEqual(127, Histogram.Quantile(new long[128], 0.5));
    }
}
