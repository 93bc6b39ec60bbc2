using Plates.Train.Reports;

namespace Plates.Tests.Reports;

[TestClass]
public sealed class EvaluationReportTests
{
    private const double Tolerance = 1e-9;

    [TestMethod]
    public void FromMetrics_KnownConfusion_ComputesPerClassPrecisionRecallF1()
    {
        var report = ReportTestData.Report();

        Assert.AreEqual(6, report.Samples);
        CollectionAssert.AreEqual(new[] { 2, 1, 0, 0 }, report.Confusion[0]);
        CollectionAssert.AreEqual(new[] { 0, 1, 0, 0 }, report.Confusion[1]);
        CollectionAssert.AreEqual(new[] { 1, 0, 1, 0 }, report.Confusion[2]);
        CollectionAssert.AreEqual(new[] { 0, 0, 0, 0 }, report.Confusion[3]);

        // 京: 2 of 3 predicted 京 are right, 2 of 3 true 京 found.
        AssertClass(report.Classes[0], "京", precision: 2.0 / 3, recall: 2.0 / 3, f1: 2.0 / 3, support: 3);
        // 沪: 1 of 2 predicted right, the only true 沪 found.
        AssertClass(report.Classes[1], "沪", precision: 0.5, recall: 1, f1: 2.0 / 3, support: 1);
        // 粤: the only 粤 prediction is right, half the true 粤 found.
        AssertClass(report.Classes[2], "粤", precision: 1, recall: 0.5, f1: 2.0 / 3, support: 2);
        // A: never predicted and never seen, so no division by zero: all 0.
        AssertClass(report.Classes[3], "A", precision: 0, recall: 0, f1: 0, support: 0);

        Assert.AreEqual(4.0 / 6, report.MicroAccuracy, Tolerance);
        Assert.HasCount(2, report.Skipped);
        Assert.AreEqual("Sdca", report.Details["trainer"]);
    }

    [TestMethod]
    public void ComputeClassMetrics_PredictedButNeverCorrect_PrecisionAndF1AreZero()
    {
        int[][] confusion = [[0, 2], [0, 0]];

        var classes = EvaluationReport.ComputeClassMetrics(["a", "b"], confusion);

        AssertClass(classes[0], "a", precision: 0, recall: 0, f1: 0, support: 2);
        AssertClass(classes[1], "b", precision: 0, recall: 0, f1: 0, support: 0);
    }

    [TestMethod]
    public void FromMetrics_LabelCountDiffersFromClasses_Throws()
    {
        var metrics = ReportTestData.Evaluate();

        Assert.ThrowsExactly<ArgumentException>(() => EvaluationReport.FromMetrics(
            "province", "test", metrics, ["京", "沪"], [], new Dictionary<string, object>()));
    }

    [TestMethod]
    public void MostConfused_KnownConfusion_ListsOffDiagonalLargestFirst()
    {
        int[][] confusion = [[5, 1, 3], [0, 4, 0], [3, 2, 6]];
        var report = new EvaluationReport("m", "s", 24, 0, 0, 0, 0, ["x", "y", "z"], confusion,
            EvaluationReport.ComputeClassMetrics(["x", "y", "z"], confusion), [], new Dictionary<string, object>());

        var pairs = report.MostConfused(3);

        CollectionAssert.AreEqual(
            new[] { new ConfusedPair("x", "z", 3), new ConfusedPair("z", "x", 3), new ConfusedPair("z", "y", 2) },
            pairs.ToArray());
        Assert.HasCount(4, report.MostConfused(100), "Zero cells and the diagonal are never listed.");
    }

    private static void AssertClass(ClassMetrics actual, string label, double precision, double recall, double f1, int support)
    {
        Assert.AreEqual(label, actual.Label);
        Assert.AreEqual(precision, actual.Precision, Tolerance, $"precision of {label}");
        Assert.AreEqual(recall, actual.Recall, Tolerance, $"recall of {label}");
        Assert.AreEqual(f1, actual.F1, Tolerance, $"F1 of {label}");
        Assert.AreEqual(support, actual.Support, $"support of {label}");
    }
}
