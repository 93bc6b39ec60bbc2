using Plates.Cli.Evaluation;
using Plates.Consume.Layout;
using Plates.Consume.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Cli.Evaluation;

/// <summary>
/// The shipped system, evaluated on ../shared/datasets/scenes, crops and the held-out half of crops-zj, reaches the figures the README states
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
        Assert.IsGreaterThanOrEqualTo(121, summary.Exact, Describe(summary));
        Assert.IsGreaterThanOrEqualTo(127, summary.AtMostOneError, Describe(summary));
        Assert.IsGreaterThanOrEqualTo(126, summary.FirstCharacterRight, Describe(summary));
        Assert.IsNotNull(summary.GroundTruthFile, "The scenes folder's GroundTruth.xml was not used.");
        Assert.IsEmpty(summary.PhotosWithoutGroundTruth);
        Assert.IsLessThanOrEqualTo(10, summary.FalseDetections!.Value, Describe(summary));
        Assert.AreEqual(2, summary.Kinds[PlateKind.Learner].Exact, "the two learner plates (…学) read exactly as learner plates");
    }

    [TestMethod]
    public void EvaluateCrops_ShippedModels_ReachReadmeFigures()
    {
        string crops = TestData.RequireDataset("crops");

        var summary = RecognitionEvaluator.EvaluateCrops(SharedRecogniser.Instance, crops);

        Assert.AreEqual(200, summary.Photos);
        Assert.AreEqual(0, summary.Failed);
        Assert.IsGreaterThanOrEqualTo(200, summary.Found, Describe(summary));
        Assert.IsGreaterThanOrEqualTo(192, summary.Exact, Describe(summary));
        Assert.IsGreaterThanOrEqualTo(196, summary.AtMostOneError, Describe(summary));
        Assert.IsGreaterThanOrEqualTo(198, summary.FirstCharacterRight, Describe(summary));
    }

    [TestMethod]
    public void EvaluateCropsZjHeldOut_ShippedModels_ReachReadmeFigures()
    {
        string crops = TestData.RequireDataset("crops-zj");

        var summary = RecognitionEvaluator.EvaluateCrops(SharedRecogniser.Instance, crops, heldOutOnly: true);

        Assert.AreEqual(408, summary.Photos, "HeldOutSplit keeps 408 of the 797 crops out of the harvest");
        Assert.AreEqual(0, summary.Failed);
        Assert.IsGreaterThanOrEqualTo(408, summary.Found, Describe(summary));
        Assert.IsGreaterThanOrEqualTo(388, summary.Exact, Describe(summary));
        Assert.IsGreaterThanOrEqualTo(404, summary.AtMostOneError, Describe(summary));
        Assert.IsGreaterThanOrEqualTo(400, summary.FirstCharacterRight, Describe(summary));
    }

    private static string Describe(EvaluationSummary s) =>
        $"found {s.Found}, exact {s.Exact}, ≤1 error {s.AtMostOneError}, first character {s.FirstCharacterRight} of {s.Photos}, false detections {s.FalseDetections?.ToString() ?? "not counted"}";
}
