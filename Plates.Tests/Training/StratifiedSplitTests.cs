using Plates.Train.Data;

namespace Plates.Tests.Training;

[TestClass]
public sealed class StratifiedSplitTests
{
    private static IReadOnlyList<LabelledImage> Images(params (string Label, int Count)[] classes) =>
        classes.SelectMany(c => Enumerable.Range(0, c.Count).Select(i => new LabelledImage($"/data/{c.Label}/{i:D4}.jpg", c.Label, []))).ToArray();

    [TestMethod]
    public void Split_UnbalancedClasses_HoldsOutThirtyPercentOfEachClass()
    {
        var images = Images(("A", 100), ("B", 10), ("C", 3));

        var (train, test) = StratifiedSplit.Split(images, 0.3, seed: 1);

        Assert.AreEqual(30, test.Count(i => i.Label == "A"));
        Assert.AreEqual(3, test.Count(i => i.Label == "B"));
        Assert.AreEqual(1, test.Count(i => i.Label == "C"));
        Assert.AreEqual(images.Count, train.Count + test.Count);
        Assert.AreEqual(0, train.Intersect(test).Count());
    }

    [TestMethod]
    public void Split_SameSeed_GivesSameSplitWhateverTheInputOrder()
    {
        var images = Images(("A", 50), ("B", 20));
        var shuffled = images.OrderBy(i => i.Path.GetHashCode()).Reverse().ToArray();

        var first = StratifiedSplit.Split(images, 0.3, seed: 5).Test.Select(i => i.Path).Order().ToArray();
        var second = StratifiedSplit.Split(shuffled, 0.3, seed: 5).Test.Select(i => i.Path).Order().ToArray();

        CollectionAssert.AreEqual(first, second);
    }

    [TestMethod]
    public void Split_OtherSeed_GivesOtherTestImages()
    {
        var images = Images(("A", 50), ("B", 20));

        var first = StratifiedSplit.Split(images, 0.3, seed: 1).Test.Select(i => i.Path).ToHashSet();
        var second = StratifiedSplit.Split(images, 0.3, seed: 2).Test.Select(i => i.Path).ToHashSet();

        Assert.IsFalse(first.SetEquals(second));
    }

    [TestMethod]
    public void Split_TwoImageClass_KeepsOneOnEachSide()
    {
        var (train, test) = StratifiedSplit.Split(Images(("A", 2)), 0.3, seed: 1);

        Assert.HasCount(1, train);
        Assert.HasCount(1, test);
    }

    [TestMethod]
    public void Split_SeveralSources_GivesEachSourceTheTestImagesItHasAlone()
    {
        var main = Images(("A", 40), ("B", 25));
        var extra = Images(("B", 30), ("C", 12)).Select(i => i with { Path = "/extra" + i.Path, Source = 1 }).ToArray();

        var merged = StratifiedSplit.Split([.. main, .. extra], 0.3, seed: 1).Test;
        var mainAlone = StratifiedSplit.Split(main, 0.3, seed: 1).Test;
        var extraAlone = StratifiedSplit.Split(extra, 0.3, seed: 1).Test;

        CollectionAssert.AreEquivalent(mainAlone.Select(i => i.Path).ToArray(), merged.Where(i => i.Source == 0).Select(i => i.Path).ToArray());
        CollectionAssert.AreEquivalent(extraAlone.Select(i => i.Path).ToArray(), merged.Where(i => i.Source == 1).Select(i => i.Path).ToArray());
        Assert.AreEqual(9, merged.Count(i => i.Label == "B" && i.Source == 1), "30 % of each source's part of a class");
    }

    [TestMethod]
    public void Split_ViewsOfAnImage_GoToItsSideAndLeaveTheRestOfTheSplitAsWithoutThem()
    {
        var images = Images(("A", 40), ("B", 12));
        var views = images.Where((_, i) => i % 3 == 0)
            .SelectMany(i => new[] { 1, 2 }.Select(v => i with { Path = i.Path.Replace(".jpg", $"-view{v}.jpg") })).ToArray();

        var (train, test) = StratifiedSplit.Split([.. images, .. views], 0.3, seed: 1);
        var without = StratifiedSplit.Split(images, 0.3, seed: 1);

        CollectionAssert.AreEqual(without.Test.Select(i => i.Path).ToArray(), test.Where(i => StratifiedSplit.ViewOf(i.Path) is null).Select(i => i.Path).ToArray());
        var tested = test.Select(i => i.Path).ToHashSet();
        foreach (var view in views)
        {
            string viewed = Path.Combine(Path.GetDirectoryName(view.Path)!, StratifiedSplit.ViewOf(view.Path)!);
            Assert.AreEqual(tested.Contains(viewed), tested.Contains(view.Path), view.Path);
        }
        Assert.AreEqual(images.Count + views.Length, train.Count + test.Count);
        Assert.IsTrue(test.Any(i => StratifiedSplit.ViewOf(i.Path) is not null) && train.Any(i => StratifiedSplit.ViewOf(i.Path) is not null), "views on both sides");
    }

    [TestMethod]
    public void ViewOf_NamesWithAndWithoutAViewMarker_GiveTheViewedImageOrNull()
    {
        Assert.AreEqual("crops-zj-浙A12345-0.png", StratifiedSplit.ViewOf("/h/province/浙/crops-zj-浙A12345-0-view2.png"));
        Assert.IsNull(StratifiedSplit.ViewOf("/h/province/浙/crops-zj-浙A12345-0.png"));
        Assert.IsNull(StratifiedSplit.ViewOf("/h/province/浙/review.png"), "a name that merely contains the word");
        Assert.IsNull(StratifiedSplit.ViewOf("/h/province/浙/a-viewer.png"));
    }

    [TestMethod]
    public void Split_FractionOutsideZeroToOne_Throws()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => StratifiedSplit.Split(Images(("A", 5)), 1.0, seed: 1));
    }
}
