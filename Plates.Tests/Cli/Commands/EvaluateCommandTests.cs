using System.Text.Json;
using Plates.Cli.Evaluation;
using Plates.Tests.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Cli.Commands;

/// <summary><c>evaluate</c> on a small temporary folder of real crops writes both reports and counts every image.</summary>
[TestClass]
[DoNotParallelize]
public sealed class EvaluateCommandTests
{
    private const int CropCount = 4;

    [TestMethod]
    public void EvaluateCrops_FolderOfCrops_WritesMarkdownAndJsonReportsCountingEveryImageAndPrintsTheirMatchingRule()
    {
        using var scratch = new TempFolder();
        string crops = CopyCrops(scratch.Combine("crops"));
        string output = scratch.Combine("report");

        var (exit, stdout, _) = ConsoleCapture.Run("evaluate", "--crops", crops, "--out", output);

        Assert.AreEqual(0, exit, stdout);
        Assert.IsTrue(File.Exists(Path.Combine(output, "report.md")));
        StringAssert.Contains(File.ReadAllText(Path.Combine(output, "report.md")), $"| images | {CropCount} |");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        var root = json.RootElement;
        Assert.AreEqual("crops", root.GetProperty("kind").GetString());
        Assert.AreEqual(CropCount, root.GetProperty("photos").GetInt32());
        Assert.AreEqual(0, root.GetProperty("failed").GetInt32());
        Assert.HasCount(CropCount, root.GetProperty("outcomes").EnumerateArray().ToArray());
        Assert.IsGreaterThanOrEqualTo(CropCount - 1, root.GetProperty("found").GetInt32());
        StringAssert.Contains(stdout, $"crops: {CropCount} images");
        StringAssert.Contains(stdout, root.GetProperty("matching").GetString()!, "The console explains the rule in the report's words.");
    }

    [TestMethod]
    public void EvaluateCrops_FolderWithAnUnreadableFile_CountsItAsFailedAndExitsOne()
    {
        using var scratch = new TempFolder();
        string crops = CopyCrops(scratch.Combine("crops"));
        File.WriteAllBytes(Path.Combine(crops, "京A00000.jpg"), []);
        string output = scratch.Combine("report");

        var (exit, _, _) = ConsoleCapture.Run("evaluate", "--crops", crops, "--out", output);

        Assert.AreEqual(1, exit);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        Assert.AreEqual(CropCount + 1, json.RootElement.GetProperty("photos").GetInt32());
        Assert.AreEqual(1, json.RootElement.GetProperty("failed").GetInt32());
        StringAssert.Contains(File.ReadAllText(Path.Combine(output, "report.md")), "京A00000.jpg");
    }

    [TestMethod]
    public void EvaluateCropsHeldOut_FolderOfCrops_ScoresOnlyTheHeldOutOnesAndSaysSo()
    {
        using var scratch = new TempFolder();
        string crops = CopyCrops(scratch.Combine("crops"), count: 12);
        var heldOut = Directory.GetFiles(crops).Where(Plates.Model.Data.HeldOutSplit.IsHeldOut).Select(Path.GetFileName).Order().ToArray();
        if (heldOut.Length is 0 or 12) Assert.Inconclusive("The first 12 crops are all on one side of the split.");
        string output = scratch.Combine("report");

        var (exit, stdout, _) = ConsoleCapture.Run("evaluate", "--crops", crops, "--held-out", "--out", output);

        Assert.AreEqual(0, exit, stdout);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        var scored = json.RootElement.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("file").GetString()).Order().ToArray();
        CollectionAssert.AreEqual(heldOut, scored);
        StringAssert.Contains(json.RootElement.GetProperty("subset").GetString(), $"held out only: {heldOut.Length} of the folder's 12 images");
        StringAssert.Contains(File.ReadAllText(Path.Combine(output, "report.md")), $"Images scored: held out only: {heldOut.Length} of the folder's 12 images");
        StringAssert.Contains(stdout, $"crops: {heldOut.Length} images");
        StringAssert.Contains(stdout, "held out only");
    }

    [TestMethod]
    public void EvaluateScenesHeldOut_IsRefusedAsForCropsOnly()
    {
        using var scratch = new TempFolder();

        var (exit, _, error) = ConsoleCapture.Run("evaluate", "--scenes", scratch.Path, "--held-out", "--out", scratch.Combine("out"));

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "--held-out applies to --crops only");
    }

    [TestMethod]
    public void Evaluate_BothScenesAndCrops_IsRefused()
    {
        using var scratch = new TempFolder();

        var (exit, _, error) = ConsoleCapture.Run("evaluate", "--crops", scratch.Path, "--scenes", scratch.Path, "--out", scratch.Combine("out"));

        Assert.AreNotEqual(0, exit);
        StringAssert.Contains(error, "exactly one of --scenes or --crops");
    }

    [TestMethod]
    public void EvaluateScenes_EmptyFolder_FailsWithAClearMessageAndNoReport()
    {
        using var scratch = new TempFolder();
        Directory.CreateDirectory(scratch.Combine("empty"));

        var (exit, _, error) = ConsoleCapture.Run("evaluate", "--scenes", scratch.Combine("empty"), "--out", scratch.Combine("out"));

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "no image files");
        Assert.IsFalse(File.Exists(Path.Combine(scratch.Combine("out"), "report.json")));
    }

    [TestMethod]
    public void EvaluateScenes_MalformedGroundTruth_FailsNamingTheFileAndWritesNoReport()
    {
        using var scratch = new TempFolder();
        string scenes = scratch.Combine("scenes");
        Directory.CreateDirectory(scenes);
        File.Copy(RecognitionData.RequireScene("粤TD1291"), Path.Combine(scenes, "粤TD1291.jpg"));
        string xml = Path.Combine(scenes, "GroundTruth.xml");
        File.WriteAllText(xml, "<tagset><image><imageName>粤TD1291</imageName>");

        var (exit, _, error) = ConsoleCapture.Run("evaluate", "--scenes", scenes, "--out", scratch.Combine("out"));

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, xml);
        Assert.IsFalse(File.Exists(Path.Combine(scratch.Combine("out"), "report.json")));
    }

    [TestMethod]
    public void EvaluateScenes_GroundTruthTagsThePlateElsewhere_ReadPlateIsNotFoundButAFalseDetection()
    {
        using var scratch = new TempFolder();
        string scenes = scratch.Combine("scenes");
        Directory.CreateDirectory(scenes);
        File.Copy(RecognitionData.RequireScene("粤TD1291"), Path.Combine(scenes, "粤TD1291.jpg"));
        // A tag in the photo's top-left corner, far from where the plate really is.
        File.WriteAllText(Path.Combine(scenes, "GroundTruth.xml"), """
            <tagset><image><imageName>粤TD1291</imageName><taggedRectangles>
            <taggedRectangle x="20" y="10" width="30" height="10" rotation="0" locateType="1">蓝牌:粤TD1291</taggedRectangle>
            </taggedRectangles></image></tagset>
            """);
        string output = scratch.Combine("out");

        var (exit, stdout, _) = ConsoleCapture.Run("evaluate", "--scenes", scenes, "--out", output);

        Assert.AreEqual(0, exit, stdout);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        var root = json.RootElement;
        Assert.AreEqual(0, root.GetProperty("found").GetInt32());
        Assert.AreEqual(0, root.GetProperty("exact").GetInt32());
        Assert.IsGreaterThanOrEqualTo(1, root.GetProperty("falseDetections").GetInt32());
        var outcome = root.GetProperty("outcomes")[0];
        Assert.AreEqual("wrongPlace", outcome.GetProperty("miss").GetString());
        CollectionAssert.Contains(outcome.GetProperty("falseDetectionReads").EnumerateArray().Select(e => e.GetString()).ToArray(), "粤TD1291");
        StringAssert.Contains(File.ReadAllText(Path.Combine(output, "report.md")), PlateMatching.Criterion);
    }

    [TestMethod]
    public void EvaluateScenes_NoGroundTruth_SaysPlatesAreMatchedByTextAloneInTheReportAndOnTheConsole()
    {
        using var scratch = new TempFolder();
        string scenes = scratch.Combine("scenes");
        Directory.CreateDirectory(scenes);
        File.Copy(RecognitionData.RequireScene("粤TD1291"), Path.Combine(scenes, "粤TD1291.jpg"));
        string output = scratch.Combine("out");

        var (exit, stdout, _) = ConsoleCapture.Run("evaluate", "--scenes", scenes, "--out", output);

        Assert.AreEqual(0, exit, stdout);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        Assert.AreEqual(JsonValueKind.Null, json.RootElement.GetProperty("groundTruthFile").ValueKind);
        Assert.AreEqual(JsonValueKind.Null, json.RootElement.GetProperty("falseDetections").ValueKind);
        Assert.AreEqual(1, json.RootElement.GetProperty("exact").GetInt32());
        StringAssert.Contains(File.ReadAllText(Path.Combine(output, "report.md")), "closest to its file name");
        StringAssert.Contains(stdout, json.RootElement.GetProperty("matching").GetString()!, "The console explains the rule in the report's words.");
    }

    /// <summary>
    /// Issue 9 case 16: when the reports cannot be written (here --out is a file; a full disk is checked by hand,
    /// README), the figures are printed first all the same, the error follows, and no temporary file stays.
    /// </summary>
    [TestMethod]
    public void EvaluateCrops_ReportsCannotBeWritten_PrintsTheFiguresThenTheErrorAndExitsThree()
    {
        using var scratch = new TempFolder();
        string crops = CopyCrops(scratch.Combine("crops"));
        string notAFolder = scratch.Combine("report");
        File.WriteAllText(notAFolder, "");

        var (exit, stdout, error) = ConsoleCapture.Run("evaluate", "--crops", crops, "--out", notAFolder);

        Assert.AreEqual(3, exit, error);
        StringAssert.Contains(stdout, $"crops: {CropCount} images, found ");
        StringAssert.Contains(error, $"error: the reports could not be written to {notAFolder}");
        Assert.DoesNotContain("   at ", error, "no stack trace");
        Assert.IsEmpty(Directory.GetFiles(scratch.Path, "*.tmp", SearchOption.AllDirectories));
    }

    /// <summary>The two reports are one set: written again over an earlier pair, both are the new run's.</summary>
    [TestMethod]
    public void EvaluateCrops_OverEarlierReports_ReplacesBothAndLeavesNoTemporaryFile()
    {
        using var scratch = new TempFolder();
        string crops = CopyCrops(scratch.Combine("crops"));
        string output = scratch.Combine("report");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "report.json"), "old");
        File.WriteAllText(Path.Combine(output, "report.md"), "old");

        var (exit, _, error) = ConsoleCapture.Run("evaluate", "--crops", crops, "--out", output);

        Assert.AreEqual(0, exit, error);
        Assert.AreNotEqual("old", File.ReadAllText(Path.Combine(output, "report.json")));
        Assert.AreNotEqual("old", File.ReadAllText(Path.Combine(output, "report.md")));
        CollectionAssert.AreEquivalent(new[] { "report.json", "report.md" }, Directory.GetFiles(output).Select(Path.GetFileName).ToArray());
    }

    private static string CopyCrops(string folder, int count = CropCount)
    {
        string source = RecognitionData.RequireFolder("crops");
        Directory.CreateDirectory(folder);
        var files = Plates.Model.Data.ImageFileTypes.InFolder(source).Take(count).ToArray();
        if (files.Length < count) Assert.Inconclusive($"Fewer than {count} crops in {source}.");
        foreach (string file in files) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return folder;
    }
}
