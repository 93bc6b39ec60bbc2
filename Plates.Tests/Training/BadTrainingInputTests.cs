using Plates.Model.Labels;
using Plates.Tests.TestSupport;
using Plates.Train.Data;
using Plates.Train.Training;

namespace Plates.Tests.Training;

[TestClass]
public sealed class BadTrainingInputTests
{
    private static readonly TrainingOptions s_fast = new() { MinimumPerClass = 0 };

    [TestMethod]
    public void Read_MissingFolder_ThrowsNamingTheFolder()
    {
        var error = Assert.ThrowsExactly<DirectoryNotFoundException>(() => CharacterFolderReader.Read("/no/such/folder", LabelSets.City));
        StringAssert.Contains(error.Message, "/no/such/folder");
    }

    [TestMethod]
    public void Read_BadFiles_AreSkippedWithTheirReasons()
    {
        using var temp = new TempFolder();
        SyntheticCharacters.Write(temp.Path, ["A", "B"], perClass: 5);
        File.WriteAllBytes(temp.Combine("A", "empty.jpg"), []);
        File.WriteAllText(temp.Combine("A", "text.jpg"), "this is not a picture");
        byte[] real = File.ReadAllBytes(temp.Combine("A", "A-000.png"));
        File.WriteAllBytes(temp.Combine("A", "truncated.png"), real[..(real.Length / 3)]);
        File.WriteAllText(temp.Combine("B", "notes.txt"), "readme");

        var dataset = CharacterFolderReader.Read(temp.Path, LabelSets.City);

        Assert.HasCount(10, dataset.Images);
        Assert.HasCount(4, dataset.Skipped);
        StringAssert.Contains(Reason(dataset, "empty.jpg"), "0 bytes");
        StringAssert.Contains(Reason(dataset, "text.jpg"), "not a decodable image");
        StringAssert.Contains(Reason(dataset, "truncated.png"), "not a decodable image");
        StringAssert.Contains(Reason(dataset, "notes.txt"), "not an image file");
    }

    [TestMethod]
    public void Read_FolderNameOutsideLabelSet_IsSkippedAndWarned()
    {
        using var temp = new TempFolder();
        SyntheticCharacters.Write(temp.Path, ["A", "B", "O"], perClass: 3);

        var dataset = CharacterFolderReader.Read(temp.Path, LabelSets.City);

        CollectionAssert.AreEquivalent(new[] { "A", "B" }, dataset.Classes.ToArray());
        Assert.AreEqual(3, dataset.Skipped.Count(s => s.Path.Contains("/O/")));
        Assert.IsTrue(dataset.Warnings.Any(w => w.Contains("'O' is not a city label")), string.Join("\n", dataset.Warnings));
    }

    [TestMethod]
    public void Read_EmptyClassFolder_IsWarned()
    {
        using var temp = new TempFolder();
        SyntheticCharacters.Write(temp.Path, ["A", "B"], perClass: 3);
        Directory.CreateDirectory(temp.Combine("C"));

        var dataset = CharacterFolderReader.Read(temp.Path, LabelSets.City);

        Assert.IsTrue(dataset.Warnings.Any(w => w.Contains(temp.Combine("C")) && w.Contains("empty")), string.Join("\n", dataset.Warnings));
    }

    [TestMethod]
    public void Read_ClassWithOneImage_IsLeftOutAndListed()
    {
        using var temp = new TempFolder();
        SyntheticCharacters.Write(temp.Path, ["A", "B"], perClass: 3);
        SyntheticCharacters.Write(temp.Path, ["C"], perClass: 1);

        var dataset = CharacterFolderReader.Read(temp.Path, LabelSets.City);

        Assert.AreEqual(0, dataset.CountOf("C"));
        Assert.IsTrue(dataset.Skipped.Any(s => s.Reason.Contains("fewer than 2")));
        Assert.IsTrue(dataset.Warnings.Any(w => w.Contains("class 'C' has only 1")));
    }

    [TestMethod]
    public void Run_OneUsableClass_FailsAndLeavesTheExistingModelUntouched()
    {
        using var temp = new TempFolder();
        SyntheticCharacters.Write(temp.Combine("good"), ["A", "B"], perClass: 10);
        var good = TrainingRun.Run(LabelSets.City, temp.Combine("good"), temp.Combine("out"), s_fast);
        byte[] before = File.ReadAllBytes(good.ModelPath);
        string reportBefore = File.ReadAllText(Path.Combine(good.ReportFolder, "metrics.json"));
        SyntheticCharacters.Write(temp.Combine("bad"), ["A"], perClass: 10);

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => TrainingRun.Run(LabelSets.City, temp.Combine("bad"), temp.Combine("out"), s_fast));

        StringAssert.Contains(error.Message, temp.Combine("bad"));
        CollectionAssert.AreEqual(before, File.ReadAllBytes(good.ModelPath));
        Assert.AreEqual(reportBefore, File.ReadAllText(Path.Combine(good.ReportFolder, "metrics.json")));
        Assert.IsEmpty(Directory.GetFiles(temp.Combine("out"), "*.tmp", SearchOption.AllDirectories));
    }

    [TestMethod]
    public void Run_ReportCannotBeWritten_LeavesTheExistingModelUntouched()
    {
        using var temp = new TempFolder();
        SyntheticCharacters.Write(temp.Combine("data"), ["A", "B"], perClass: 10);
        var good = TrainingRun.Run(LabelSets.City, temp.Combine("data"), temp.Combine("out"), s_fast);
        byte[] before = File.ReadAllBytes(good.ModelPath);
        // A file where the report folder should be makes the report fail after the new model has been written.
        Directory.Delete(good.ReportFolder, recursive: true);
        File.WriteAllText(good.ReportFolder, "in the way");

        Assert.ThrowsExactly<IOException>(() => TrainingRun.Run(LabelSets.City, temp.Combine("data"), temp.Combine("out"), s_fast with { Seed = 2 }));

        CollectionAssert.AreEqual(before, File.ReadAllBytes(good.ModelPath));
        Assert.IsEmpty(Directory.GetFiles(temp.Combine("out"), "*.tmp", SearchOption.AllDirectories));
    }

    [TestMethod]
    public void Run_WithBadFiles_TrainsAndListsThemInTheReport()
    {
        using var temp = new TempFolder();
        SyntheticCharacters.Write(temp.Path, ["A", "B"], perClass: 10);
        File.WriteAllBytes(temp.Combine("A", "zero.jpg"), []);

        var outcome = TrainingRun.Run(LabelSets.City, temp.Path, temp.Combine("out"), s_fast);

        Assert.HasCount(1, outcome.Report.Skipped);
        StringAssert.Contains(File.ReadAllText(Path.Combine(outcome.ReportFolder, "metrics.md")), "zero.jpg");
    }

    [TestMethod]
    public void Evaluate_MissingModel_SaysWhichFile()
    {
        using var temp = new TempFolder();
        string missing = temp.Combine("nothing.zip");

        var error = Assert.ThrowsExactly<FileNotFoundException>(() =>
            EvaluationRun.Run(missing, temp.Path, EvaluationSplit.All, 0.3, 1, temp.Combine("report")));

        StringAssert.Contains(error.Message, missing);
    }

    [TestMethod]
    public void Evaluate_CorruptModel_SaysWhichFileAndWhy()
    {
        using var temp = new TempFolder();
        string corrupt = temp.Combine("city.zip");
        File.WriteAllBytes(corrupt, Enumerable.Range(0, 500).Select(i => (byte)(i * 7)).ToArray());

        var error = Assert.ThrowsExactly<InvalidDataException>(() =>
            EvaluationRun.Run(corrupt, temp.Path, EvaluationSplit.All, 0.3, 1, temp.Combine("report")));

        StringAssert.Contains(error.Message, corrupt);
        StringAssert.Contains(error.Message, "not a loadable ML.NET model");
    }

    private static string Reason(CharacterDataset dataset, string fileName) =>
        dataset.Skipped.Single(s => Path.GetFileName(s.Path) == fileName).Reason;
}
