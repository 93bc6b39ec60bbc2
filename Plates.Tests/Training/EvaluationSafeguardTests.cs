using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using OpenCvSharp;
using Plates.Model.Labels;
using Plates.Model.Pipelines;
using Plates.Tests.Training.Commands;
using Plates.Tests.TestSupport;
using Plates.Train.Commands;
using Plates.Train.Reports;
using Plates.Train.Training;

namespace Plates.Tests.Training;

/// <summary>
/// An evaluation cannot mislead: the test split is the model's own (seed and fraction from its metadata), a split that
/// would hold training images is refused, and images of classes the model does not know are counted, not dropped.
/// One model (city label set, four classes, seed 5, test fraction 0.4) is trained once for the class.
/// </summary>
[TestClass]
public sealed class EvaluationSafeguardTests
{
    private static readonly string[] s_labels = ["A", "H", "K", "X"];
    private static readonly TrainingOptions s_options = new() { MinimumPerClass = 0, Seed = 5, TestFraction = 0.4 };
    private static TempFolder s_temp = null!;
    private static TrainingOutcome s_trained = null!;

    private static string Data => s_temp.Combine("city");

    [ClassInitialize]
    public static void TrainOnce(TestContext _)
    {
        s_temp = new TempFolder();
        SyntheticCharacters.Write(Data, s_labels, perClass: 20);
        s_trained = TrainingRun.Run(LabelSets.City, Data, s_temp.Combine("models"), s_options);
    }

    [ClassCleanup]
    public static void DeleteModel() => s_temp.Dispose();

    [TestMethod]
    public void EvaluateTest_NoSeedOrFractionGiven_ScoresTheSplitTrainingHeldOutWithTheModelsOwnSettings()
    {
        using var temp = new TempFolder();

        var (report, warnings) = EvaluationRun.Run(s_trained.ModelPath, Data, new EvaluationOptions(), temp.Path);

        Assert.AreEqual(s_trained.Report.Samples, report.Samples, "the same held-out images as training's report");
        Assert.AreEqual(s_trained.Report.MicroAccuracy, report.MicroAccuracy, 1e-12);
        Assert.AreEqual(5, report.Details["seed"]);
        Assert.AreEqual(0.4, report.Details["testFraction"]);
        Assert.IsEmpty(warnings, string.Join("\n", warnings));
        Assert.AreEqual(s_trained.Report.Training!.DataFingerprint, report.Stamp!.DataFingerprint);
    }

    [TestMethod]
    public void EvaluateTest_SeedOrFractionDisagreeingWithTheModels_IsRefusedSayingWhyAndWritesNoReport()
    {
        using var temp = new TempFolder();

        var seed = Assert.ThrowsExactly<EvaluationRefusedException>(() =>
            EvaluationRun.Run(s_trained.ModelPath, Data, new EvaluationOptions { Seed = 1 }, temp.Combine("seed")));
        var fraction = Assert.ThrowsExactly<EvaluationRefusedException>(() =>
            EvaluationRun.Run(s_trained.ModelPath, Data, new EvaluationOptions { Seed = 5, TestFraction = 0.3 }, temp.Combine("fraction")));

        StringAssert.Contains(seed.Message, "--seed 1 is not the seed the model was trained with (5)");
        StringAssert.Contains(seed.Message, "images the model was trained on");
        StringAssert.Contains(seed.Message, "--force");
        StringAssert.Contains(fraction.Message, "--test-fraction 0.3 is not the fraction the model held out (0.4)");
        Assert.IsFalse(Directory.Exists(temp.Combine("seed")));
    }

    [TestMethod]
    public void EvaluateTest_DisagreeingSeedWithForce_IsScoredAndWarnedLoudly()
    {
        using var temp = new TempFolder();

        var (report, warnings) = EvaluationRun.Run(s_trained.ModelPath, Data, new EvaluationOptions { Seed = 1, Force = true }, temp.Path);

        Assert.AreEqual(1, report.Details["seed"]);
        Assert.IsTrue(warnings.Any(w => w.Contains("--seed 1 is not the seed") && w.Contains("--force")), string.Join("\n", warnings));
    }

    [TestMethod]
    public void EvaluateCommand_SeedDisagreeingWithTheModels_ExitsTwoWithTheReason()
    {
        using var temp = new TempFolder();

        var (exit, output) = TrainerConsole.Run(EvaluateCommand.Create, "evaluate", "--model", s_trained.ModelPath, "--data", Data, "--seed", "2", "--report", temp.Path);

        Assert.AreEqual(2, exit, output);
        StringAssert.Contains(output, "error: ");
        StringAssert.Contains(output, "--seed 2 is not the seed the model was trained with (5)");
    }

    [TestMethod]
    public void EvaluateTest_ImagesChangedSinceTraining_IsRefusedUnlessForcedWhileAllStillScores()
    {
        using var temp = new TempFolder();
        string changed = temp.Combine("city");
        SyntheticCharacters.Write(changed, s_labels, perClass: 20);
        using (var extra = SyntheticCharacters.Draw("K", new Random(99)))
            Cv2.ImWrite(Path.Combine(changed, "K", "added.png"), extra);

        var refused = Assert.ThrowsExactly<EvaluationRefusedException>(() =>
            EvaluationRun.Run(s_trained.ModelPath, changed, new EvaluationOptions(), temp.Combine("test")));
        var (_, forcedWarnings) = EvaluationRun.Run(s_trained.ModelPath, changed, new EvaluationOptions { Force = true }, temp.Combine("forced"));
        var (all, allWarnings) = EvaluationRun.Run(s_trained.ModelPath, changed, new EvaluationOptions { Split = EvaluationSplit.All }, temp.Combine("all"));

        StringAssert.Contains(refused.Message, "not the ones");
        StringAssert.Contains(refused.Message, "81 now, 80 then");
        StringAssert.Contains(refused.Message, "--split all");
        Assert.IsTrue(forcedWarnings.Any(w => w.Contains("not the ones") && w.Contains("--force")), string.Join("\n", forcedWarnings));
        Assert.AreEqual(81, all.Samples);
        Assert.IsEmpty(allWarnings, string.Join("\n", allWarnings));
    }

    [TestMethod]
    public void EvaluateTest_ModelWithoutMetadata_WarnsThatTheSplitCannotBeVerified()
    {
        using var temp = new TempFolder();
        string old = temp.Combine("city.zip");
        File.Copy(s_trained.ModelPath, old);
        using (var zip = ZipFile.Open(old, ZipArchiveMode.Update)) zip.GetEntry(TrainingMetadata.EntryName)!.Delete();

        var (report, warnings) = EvaluationRun.Run(old, Data, new EvaluationOptions { Seed = 5, TestFraction = 0.4 }, temp.Combine("report"));

        Assert.IsNull(report.Training);
        Assert.IsTrue(warnings.Any(w => w.Contains(old) && w.Contains("no training metadata") && w.Contains("cannot be verified")), string.Join("\n", warnings));
        StringAssert.Contains(File.ReadAllText(temp.Combine("report", ReportWriter.MarkdownFileName)), "the model carries no training metadata");
    }

    [TestMethod]
    public void Evaluate_ImagesOfClassesTheModelDoesNotKnow_AreCountedAsErrorsBesideTheHeadlineFigure()
    {
        using var temp = new TempFolder();
        string folder = temp.Combine("eval");
        SyntheticCharacters.Write(folder, s_labels, perClass: 5, seed: 11);
        SyntheticCharacters.Write(folder, ["B"], perClass: 4, seed: 12);
        SyntheticCharacters.Write(folder, ["O"], perClass: 3, seed: 13);

        var (report, warnings) = EvaluationRun.Run(s_trained.ModelPath, folder, new EvaluationOptions { Split = EvaluationSplit.All }, temp.Combine("report"));

        Assert.AreEqual(20, report.Samples);
        Assert.AreEqual(27, report.AllImages);
        int right = Enumerable.Range(0, report.Labels.Count).Sum(i => report.Confusion[i][i]);
        Assert.AreEqual(right / 27.0, report.AccuracyOverAllImages, 1e-12);
        var b = report.OutsideModel.Single(c => c.Label == "B");
        var o = report.OutsideModel.Single(c => c.Label == "O");
        Assert.AreEqual((4, true), (b.Images, b.InLabelSet));
        Assert.AreEqual((3, false), (o.Images, o.InLabelSet));
        Assert.IsEmpty(report.Skipped, "nothing is dropped silently");
        Assert.IsFalse(warnings.Any(w => w.Contains("'B' is not a city label")), string.Join("\n", warnings));
        string summary = EvaluationRun.OutsideModelSummary(report)!;
        StringAssert.Contains(summary, "7 images of 2 classes the model does not know: B (4), O (3)");
        StringAssert.Contains(summary, "counted as errors in 'accuracy over all images'");

        using var json = JsonDocument.Parse(File.ReadAllText(temp.Combine("report", ReportWriter.JsonFileName)));
        Assert.AreEqual(27, json.RootElement.GetProperty("allImages").GetInt32());
        Assert.AreEqual(report.AccuracyOverAllImages, json.RootElement.GetProperty("accuracyOverAllImages").GetDouble(), 1e-12);
        var jsonB = json.RootElement.GetProperty("classes").EnumerateArray().Single(c => c.GetProperty("label").GetString() == "B");
        Assert.IsFalse(jsonB.GetProperty("inModel").GetBoolean());
        Assert.AreEqual(4, jsonB.GetProperty("support").GetInt32());
        string markdown = File.ReadAllText(temp.Combine("report", ReportWriter.MarkdownFileName));
        StringAssert.Contains(markdown, "| Images of classes the model does not know | 7 |");
        StringAssert.Contains(markdown, "- O: 3 images (not a class of the city label set)");
    }

    [TestMethod]
    public void Evaluate_CityModelSavedAsProvinceZip_IsRefusedNamingTheWrongModel()
    {
        using var temp = new TempFolder();
        string wrong = temp.Combine("province.zip");
        File.Copy(s_trained.ModelPath, wrong);

        var error = Assert.ThrowsExactly<InvalidDataException>(() =>
            EvaluationRun.Run(wrong, Data, new EvaluationOptions { Split = EvaluationSplit.All }, temp.Combine("report")));

        StringAssert.Contains(error.Message, $"{wrong} holds classes A H K X (trained as a city model): not a province model.");
    }

    [TestMethod]
    public void TrainingReport_ClassesOfTheLabelSetWithoutData_AppearMarkedWithSupportZero()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_trained.ReportFolder, ReportWriter.JsonFileName)));
        var classes = json.RootElement.GetProperty("classes").EnumerateArray().ToArray();
        string markdown = File.ReadAllText(Path.Combine(s_trained.ReportFolder, ReportWriter.MarkdownFileName));

        Assert.HasCount(24, classes);
        var untrained = classes.Where(c => !c.GetProperty("inModel").GetBoolean()).ToArray();
        Assert.HasCount(20, untrained);
        Assert.IsTrue(untrained.All(c => c.GetProperty("support").GetInt32() == 0 && c.GetProperty("precision").ValueKind == JsonValueKind.Null));
        StringAssert.Contains(markdown, "| B (not in the model) | – | – | – | 0 |");
        StringAssert.Contains(markdown, "| Classes | 4 (20 more of the label set are not in the model) |");
    }

    [TestMethod]
    public void TrainingReport_MetricsJson_HoldsNumbersAsNumbersAndTheModelsProvenance()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_trained.ReportFolder, ReportWriter.JsonFileName)));
        var root = json.RootElement;

        // Labels may be digits ("0"–"9" in alnum); every other string must not be a number written as text.
        string[] textKeys = ["label", "labels", "truth", "predicted", "classes", "conflicting"];
        var numbersAsText = Strings(root, "").Where(s => !textKeys.Contains(s.Key) && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)).ToArray();
        Assert.IsEmpty(numbersAsText, string.Join(", ", numbersAsText.Select(s => $"{s.Key}={s.Value}")));
        var details = root.GetProperty("details");
        foreach (string key in new[] { "seed", "testFraction", "trainImages", "trainImagesAfterAugmentation", "minimumPerClass", "copiesPerImage", "trainingSeconds", "modelBytes", "l2Regularization" })
            Assert.AreEqual(JsonValueKind.Number, details.GetProperty(key).ValueKind, key);
        Assert.AreEqual(5, root.GetProperty("training").GetProperty("seed").GetInt32());
        Assert.AreEqual(s_trained.Report.Training!.DataFingerprint, root.GetProperty("evaluated").GetProperty("dataFingerprint").GetString());
        Assert.AreEqual(ToolVersion.Current, root.GetProperty("evaluated").GetProperty("toolVersion").GetString());
        StringAssert.Matches(root.GetProperty("evaluated").GetProperty("dateUtc").GetString(), new System.Text.RegularExpressions.Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
    }

    private static IEnumerable<(string Key, string Value)> Strings(JsonElement element, string key) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value, p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(e => Strings(e, key)),
        JsonValueKind.String => [(key, element.GetString()!)],
        _ => [],
    };
}
