using Microsoft.ML;
using OpenCvSharp;
using Plates.Model.Data;
using Plates.Model.Labels;
using Plates.Model.Pipelines;
using Plates.Tests.TestSupport;
using Plates.Train.Training;
using Plates.Train.Training.Convolutional;

namespace Plates.Tests.Training;

[TestClass]
public sealed class TrainingRunTests
{
    private static readonly string[] s_labels = ["A", "H", "K", "X"];
    private static readonly TrainingOptions s_fast = new() { MinimumPerClass = 0 };

    [TestMethod]
    public void Run_SmallSyntheticSet_GivesModelThatPredictsItsClasses()
    {
        using var temp = new TempFolder();
        SyntheticCharacters.Write(temp.Combine("city"), s_labels, perClass: 30);

        var outcome = TrainingRun.Run(LabelSets.City, temp.Combine("city"), temp.Combine("out"), s_fast);

        Assert.IsTrue(File.Exists(outcome.ModelPath));
        Assert.IsGreaterThanOrEqualTo(0.9, outcome.Report.MicroAccuracy, $"micro accuracy {outcome.Report.MicroAccuracy}");
        CollectionAssert.AreEquivalent(s_labels, outcome.Report.Labels.ToArray());
        foreach (string file in new[] { "metrics.json", "metrics.md", "confusion.csv", "confusion.png", "f1.png" })
            Assert.IsTrue(File.Exists(Path.Combine(outcome.ReportFolder, file)), file);
    }

    [TestMethod]
    public void Run_WithNetwork_SavesAModelThatReadsItsClassesAfterLoading()
    {
        using var temp = new TempFolder();
        SyntheticCharacters.Write(temp.Combine("city"), s_labels, perClass: 30);
        var options = s_fast with { Network = NetworkUse.Alone, NetworkTraining = new ConvNetTrainingOptions { Epochs = 4 } };

        var outcome = TrainingRun.Run(LabelSets.City, temp.Combine("city"), temp.Combine("out"), options);

        Assert.IsGreaterThanOrEqualTo(0.9, outcome.Report.MicroAccuracy, $"micro accuracy {outcome.Report.MicroAccuracy}");
        StringAssert.StartsWith((string)outcome.Report.Details["network"], "Alone: conv 3x3x16 ReLU");
        var (reloaded, _) = EvaluationRun.Run(outcome.ModelPath, temp.Combine("city"), new EvaluationOptions(), temp.Combine("again"));
        Assert.AreEqual(outcome.Report.MicroAccuracy, reloaded.MicroAccuracy, 1e-9);
    }

    [TestMethod]
    public void SavedModel_LoadedInFreshContext_GivesSamePredictions()
    {
        using var temp = new TempFolder();
        SyntheticCharacters.Write(temp.Combine("city"), s_labels, perClass: 20);
        var outcome = TrainingRun.Run(LabelSets.City, temp.Combine("city"), temp.Combine("out"), s_fast);
        var images = Directory.GetFiles(temp.Combine("city"), "*.png", SearchOption.AllDirectories).Take(20).ToArray();

        var trainingContext = new MLContext(seed: 1);
        var inMemory = CharacterModel.Load(trainingContext, outcome.ModelPath, out _);
        var before = Predict(trainingContext, inMemory, images);
        var freshContext = new MLContext(seed: 99);
        var reloaded = CharacterModel.Load(freshContext, outcome.ModelPath, out _);
        var after = Predict(freshContext, reloaded, images);

        CollectionAssert.AreEqual(before.Select(p => p.Label).ToArray(), after.Select(p => p.Label).ToArray());
        for (int i = 0; i < before.Count; i++)
            CollectionAssert.AreEqual(before[i].Scores, after[i].Scores);
    }

    [TestMethod]
    public void Model_PredictsRawImageBytes_ReturnsLabelAndScorePerClassByName()
    {
        using var temp = new TempFolder();
        SyntheticCharacters.Write(temp.Combine("city"), s_labels, perClass: 20);
        var outcome = TrainingRun.Run(LabelSets.City, temp.Combine("city"), temp.Combine("out"), s_fast);
        var mlContext = new MLContext();
        var model = CharacterModel.Load(mlContext, outcome.ModelPath, out _);
        using var engine = mlContext.Model.CreatePredictionEngine<CharacterModelInput, CharacterModelOutput>(model);
        using var glyph = SyntheticCharacters.Draw("K", new Random(123));
        // A JPEG of another size: decoding, grey conversion and resizing all happen inside the saved pipeline.
        using var larger = new Mat();
        Cv2.Resize(glyph, larger, new Size(40, 40));
        Cv2.ImEncode(".jpg", larger, out byte[] jpeg);

        var output = engine.Predict(new CharacterModelInput { ImageSource = jpeg });

        Assert.AreEqual("K", output.PredictedLabel);
        var names = CharacterModel.ScoreLabels(engine.OutputSchema);
        CollectionAssert.AreEqual(s_labels, names.ToArray());
        Assert.HasCount(names.Count, output.Score);
        Assert.AreEqual(1.0, output.Score.Sum(), 1e-3);
    }

    [TestMethod]
    public void Evaluate_ImageInTheWrongClassFolder_IsListedAsMisclassified()
    {
        using var temp = new TempFolder();
        SyntheticCharacters.Write(temp.Combine("city"), s_labels, perClass: 30);
        var outcome = TrainingRun.Run(LabelSets.City, temp.Combine("city"), temp.Combine("out"), s_fast);
        // An evaluation folder where one clear K sits in the A folder: the model reads K, the folder says A.
        SyntheticCharacters.Write(temp.Combine("eval"), ["A", "K"], perClass: 5, seed: 11);
        using (var glyph = SyntheticCharacters.Draw("K", new Random(5)))
            Cv2.ImWrite(temp.Combine("eval", "A", "really-K.png"), glyph);

        var (report, _) = EvaluationRun.Run(outcome.ModelPath, temp.Combine("eval"), new EvaluationOptions { Split = EvaluationSplit.All }, temp.Combine("report"));

        var wrong = report.Misclassified.Single(m => m.Path == Path.Combine("A", "really-K.png"));
        Assert.AreEqual("A", wrong.Truth);
        Assert.AreEqual("K", wrong.Predicted);
        Assert.IsTrue(wrong.Confidence is > 0f and <= 1f, $"confidence {wrong.Confidence}");
        Assert.HasCount(report.Samples - (int)Math.Round(report.MicroAccuracy * report.Samples), report.Misclassified,
            "Exactly the images off the confusion matrix's diagonal are listed.");
        StringAssert.Contains(File.ReadAllText(temp.Combine("report", "metrics.md")), "really-K.png");
    }

    private static List<(string Label, float[] Scores)> Predict(MLContext mlContext, ITransformer model, IEnumerable<string> files)
    {
        using var engine = mlContext.Model.CreatePredictionEngine<CharacterModelInput, CharacterModelOutput>(model);
        return files.Select(f => engine.Predict(new CharacterModelInput { ImageSource = File.ReadAllBytes(f) }))
            .Select(o => (o.PredictedLabel, o.Score.ToArray())).ToList();
    }
}
