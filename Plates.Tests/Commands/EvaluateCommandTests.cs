using System.Text.Json;
using Plates.Tests.Recognition;

namespace Plates.Tests.Commands;

/// <summary><c>evaluate</c> on a small temporary folder of real crops writes both reports and counts every image.</summary>
[TestClass]
[DoNotParallelize]
public sealed class EvaluateCommandTests
{
    private const int CropCount = 4;

    [TestMethod]
    public void EvaluateCrops_FolderOfCrops_WritesMarkdownAndJsonReportsCountingEveryImage()
    {
        using var scratch = new ScratchFolder();
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
    }

    [TestMethod]
    public void EvaluateCrops_FolderWithAnUnreadableFile_CountsItAsFailedAndExitsOne()
    {
        using var scratch = new ScratchFolder();
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
    public void Evaluate_BothScenesAndCrops_IsRefused()
    {
        using var scratch = new ScratchFolder();

        var (exit, _, error) = ConsoleCapture.Run("evaluate", "--crops", scratch.Path, "--scenes", scratch.Path, "--out", scratch.Combine("out"));

        Assert.AreNotEqual(0, exit);
        StringAssert.Contains(error, "exactly one of --scenes or --crops");
    }

    [TestMethod]
    public void EvaluateScenes_EmptyFolder_FailsWithAClearMessageAndNoReport()
    {
        using var scratch = new ScratchFolder();
        Directory.CreateDirectory(scratch.Combine("empty"));

        var (exit, _, error) = ConsoleCapture.Run("evaluate", "--scenes", scratch.Combine("empty"), "--out", scratch.Combine("out"));

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "no image files");
        Assert.IsFalse(File.Exists(Path.Combine(scratch.Combine("out"), "report.json")));
    }

    private static string CopyCrops(string folder)
    {
        string source = RecognitionData.RequireFolder("crops");
        Directory.CreateDirectory(folder);
        var files = Plates.Consume.Evaluation.RecognitionEvaluator.ImageFiles(source).Take(CropCount).ToArray();
        if (files.Length < CropCount) Assert.Inconclusive($"Fewer than {CropCount} crops in {source}.");
        foreach (string file in files) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return folder;
    }
}
