using Plates.Cli.Evaluation;
using Plates.Consume.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Cli.Evaluation;

/// <summary>
/// The shipped system, evaluated on ../shared/datasets/scenes and crops, reaches the figures the README states
/// (README: "Recognition figures"). The run is deterministic, so each bound is the README's count itself. Scenes are
/// checked against their GroundTruth.xml: a plate counts only where it is tagged.
/// </summary>
[TestClass]
public sealed class DatasetEvaluationTests
{
    [TestMethod]
    public void EvaluateScenes_ShippedModels_ReachReadmeFigures()
    {
        string scenes = TestData.RequireDataset("scenes");

        var summary = RecognitionEvaluator.EvaluateScenes(SharedRecogniser.Instance, scenes);

        Assert.AreEqual(128, summary.Photos);
        Assert.AreEqual(0, summary.Failed);
        Assert.IsGreaterThanOrEqualTo(128, summary.Found, Describe(summary));
        Assert.IsGreaterThanOrEqualTo(119, summary.Exact, Describe(summary));
        Assert.IsGreaterThanOrEqualTo(127, summary.AtMostOneError, Describe(summary));
        Assert.IsGreaterThanOrEqualTo(126, summary.FirstCharacterRight, Describe(summary));
        Assert.IsNotNull(summary.GroundTruthFile, "The scenes folder's GroundTruth.xml was not used.");
        Assert.IsEmpty(summary.PhotosWithoutGroundTruth);
        Assert.IsLessThanOrEqualTo(15, summary.FalseDetections!.Value, Describe(summary));
    }

    [TestMethod]
    public void EvaluateCrops_ShippedModels_ReachReadmeFigures()
    {
        string crops = TestData.RequireDataset("crops");

        var summary = RecognitionEvaluator.EvaluateCrops(SharedRecogniser.Instance, crops);

        Assert.AreEqual(200, summary.Photos);
        Assert.AreEqual(0, summary.Failed);
        Assert.IsGreaterThanOrEqualTo(200, summary.Found, Describe(summary));
        Assert.IsGreaterThanOrEqualTo(187, summary.Exact, Describe(summary));
        Assert.IsGreaterThanOrEqualTo(194, summary.AtMostOneError, Describe(summary));
        Assert.IsGreaterThanOrEqualTo(196, summary.FirstCharacterRight, Describe(summary));
    }

    private static string Describe(EvaluationSummary s) =>
        $"found {s.Found}, exact {s.Exact}, ≤1 error {s.AtMostOneError}, first character {s.FirstCharacterRight} of {s.Photos}, false detections {s.FalseDetections?.ToString() ?? "not counted"}";
}
