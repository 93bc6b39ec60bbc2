using Plates.Tests.TestSupport;
using Plates.Train.Training;

namespace Plates.Tests.Training;

/// <summary>
/// The shipped models, re-evaluated on the same 30% test split of ../shared/datasets/chars that training held out, reach
/// the figures the README states (README: "Character models"). They carry their training metadata, so the split is
/// taken from it and verified against the data's fingerprint.
/// </summary>
[TestClass]
public sealed class ShippedModelTests
{
    [TestMethod]
    [DataRow("province", 0.983, 0.982)]
    [DataRow("city", 0.997, 0.996)]
    [DataRow("alnum", 0.993, 0.992)]
    public void Evaluate_ShippedModelOnTestSplit_ReachesReadmeFigures(string model, double microAccuracy, double macroAccuracy)
    {
        string data = TestData.RequireDataset("chars", model);
        using var temp = new TempFolder();

        var (report, warnings) = EvaluationRun.Run(Path.Combine(TestData.ShippedModels, model + ".zip"), data, new EvaluationOptions(), temp.Path);

        Assert.IsGreaterThanOrEqualTo(microAccuracy, report.MicroAccuracy, $"{model} micro accuracy {report.MicroAccuracy:P2}");
        Assert.IsGreaterThanOrEqualTo(macroAccuracy, report.MacroAccuracy, $"{model} macro accuracy {report.MacroAccuracy:P2}");
        Assert.IsEmpty(report.Skipped);
        Assert.AreEqual(model, report.Training?.LabelSet, "the shipped model records what trained it");
        Assert.AreEqual((1, 0.3), (report.Training!.Seed, report.Training.TestFraction));
        Assert.IsFalse(warnings.Any(w => w.Contains("metadata") || w.Contains("not the ones")), string.Join("\n", warnings));
    }
}
