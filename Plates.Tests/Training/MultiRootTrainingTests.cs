using System.Text.Json;
using Plates.Model.Labels;
using Plates.Model.Pipelines;
using Plates.Tests.TestSupport;
using Plates.Tests.Training.Commands;
using Plates.Train.Commands;
using Plates.Train.Data;
using Plates.Train.Reports;
using Plates.Train.Training;

namespace Plates.Tests.Training;

/// <summary>
/// <c>train --data ROOT --data ROOT2</c>: class folders merge across roots, each root's part of a class is split on its
/// own so that its test images do not depend on the others, the report gives each root's accuracy beside the headline,
/// the metadata records every root, and evaluating any one root alone scores exactly its share of the test split.
/// One city model (A H K from "main", K X from "extra") is trained once for the class.
/// </summary>
[TestClass]
public sealed class MultiRootTrainingTests
{
    private static TempFolder s_temp = null!;
    private static int s_exit;
    private static string s_output = "";

    private static string Main => s_temp.Combine("main");

    private static string Extra => s_temp.Combine("extra");

    private static string Models => s_temp.Combine("models");

    [ClassInitialize]
    public static void TrainOnce(TestContext _)
    {
        s_temp = new TempFolder();
        SyntheticCharacters.Write(Path.Combine(Main, "city"), ["A", "H", "K"], perClass: 20, seed: 7);
        SyntheticCharacters.Write(Path.Combine(Extra, "city"), ["K", "X"], perClass: 20, seed: 11);
        (s_exit, s_output) = TrainerConsole.Run(TrainCommand.Create, "train", "--data", Main, "--data", Extra, "--out", Models, "--model", "city", "--min-per-class", "0");
    }

    [ClassCleanup]
    public static void DeleteData() => s_temp.Dispose();

    [TestMethod]
    public void Train_TwoRoots_TrainsEveryClassOfBothAndReportsEachRootBesideTheHeadline()
    {
        Assert.AreEqual(0, s_exit, s_output);
        var metadata = TrainingMetadata.Read(Path.Combine(Models, "city.zip"))!;
        Assert.AreEqual(100, metadata.DataImages);
        CollectionAssert.AreEqual(new[] { ("main", 60), ("extra", 40) }, metadata.Sources!.Select(s => (s.Name, s.DataImages)).ToArray());
        // Each root's fingerprint is the one it has alone, so that evaluating it alone can be checked.
        var mainAlone = CharacterFolderReader.Read(Path.Combine(Main, "city"), LabelSets.City);
        Assert.AreEqual(DataFingerprint.Of(mainAlone.Images, LabelSets.City, Path.Combine(Main, "city")), metadata.Sources![0].DataFingerprint);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Models, "reports", "city", ReportWriter.JsonFileName)));
        var classes = json.RootElement.GetProperty("confusion").GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ToArray();
        CollectionAssert.AreEquivalent(new[] { "A", "H", "K", "X" }, classes);
        var sources = json.RootElement.GetProperty("sources").EnumerateArray().ToArray();
        // 30 % of 20 per class and root: 6 test images each, K's from both roots.
        CollectionAssert.AreEqual(new[] { ("main", 18), ("extra", 12) }, sources.Select(s => (s.GetProperty("name").GetString(), s.GetProperty("evaluated").GetInt32())).ToArray());
        Assert.AreEqual(30, json.RootElement.GetProperty("samples").GetInt32());

        string markdown = File.ReadAllText(Path.Combine(Models, "reports", "city", ReportWriter.MarkdownFileName));
        StringAssert.Contains(markdown, "| Micro accuracy on main alone (18 images) |");
        StringAssert.Contains(markdown, "| Micro accuracy on extra alone (12 images) |");
        StringAssert.Contains(markdown, "## Per source");
        StringAssert.Contains(s_output, "city micro accuracy per source: main");
    }

    [TestMethod]
    public void Evaluate_OneRootOfTheModelAlone_ScoresExactlyItsShareOfTheTestSplitWithoutWarning()
    {
        using var temp = new TempFolder();
        string model = Path.Combine(Models, "city.zip");

        var (asRoot, rootWarnings) = EvaluationRun.Run(model, [Extra], new EvaluationOptions(), temp.Combine("root"));
        var (asFolder, _) = EvaluationRun.Run(model, [Path.Combine(Extra, "city")], new EvaluationOptions(), temp.Combine("folder"));

        Assert.AreEqual(12, asRoot.Samples);
        Assert.AreEqual(12, asFolder.Samples, "a model's folder and the root holding it are the same source");
        Assert.IsEmpty(rootWarnings, string.Join("\n", rootWarnings));
        var trained = JsonDocument.Parse(File.ReadAllText(Path.Combine(Models, "reports", "city", ReportWriter.JsonFileName)));
        double extraInTraining = trained.RootElement.GetProperty("sources")[1].GetProperty("microAccuracy").GetDouble();
        Assert.AreEqual(extraInTraining, asRoot.MicroAccuracy, 1e-9, "the same images as the training report's row for extra");
    }

    [TestMethod]
    public void Evaluate_RootTheModelWasNotTrainedOn_IsRefusedNamingIt()
    {
        using var temp = new TempFolder();
        string other = temp.Combine("other");
        SyntheticCharacters.Write(Path.Combine(other, "city"), ["K", "X"], perClass: 20, seed: 99);

        var refused = Assert.ThrowsExactly<EvaluationRefusedException>(() =>
            EvaluationRun.Run(Path.Combine(Models, "city.zip"), [Main, other], new EvaluationOptions(), temp.Combine("report")));

        StringAssert.Contains(refused.Message, Path.Combine(other, "city"));
        StringAssert.Contains(refused.Message, "not the ones");
        StringAssert.Contains(refused.Message, "main (60 images");
    }

    [TestMethod]
    public void Train_SameRootTwice_IsRefusedBeforeTraining()
    {
        using var temp = new TempFolder();

        var (exit, output) = TrainerConsole.Run(TrainCommand.Create, "train", "--data", Main, "--data", Main + "/", "--out", temp.Combine("models"), "--model", "city");

        Assert.AreEqual(2, exit, output);
        StringAssert.Contains(output, "more than once");
        Assert.IsFalse(Directory.Exists(temp.Combine("models")));
    }

    [TestMethod]
    public void InRoots_RootWithoutTheModelsFolder_IsLeftOutOfThatModelWithANote()
    {
        var notes = new List<string>();

        var sources = DataSources.InRoots([new DataRoot(Main), new DataRoot(Extra)], LabelSets.Province, notes);

        Assert.AreEqual(1, sources.Count, "neither root has province/: the first is kept, so that reading it names the missing folder");
        Assert.AreEqual(Path.Combine(Main, "province"), sources[0].Folder);
        var city = DataSources.InRoots([new DataRoot(Main), new DataRoot(s_temp.Path)], LabelSets.City, notes);
        Assert.AreEqual(1, city.Count);
        Assert.IsTrue(notes.Any(n => n.Contains(s_temp.Path) && n.Contains("no city/ folder")), string.Join("\n", notes));
    }
}
