using System.Text.Json;
using OpenCvSharp;
using Plates.Tests.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Cli.Commands;

/// <summary>The default command: one line per photo (JSON with --json), errors reported per file, the batch going on.</summary>
[TestClass]
[DoNotParallelize]
public sealed class RecogniseCommandTests
{
    private static TempFolder s_scratch = null!;

    [ClassInitialize]
    public static void CreateScratch(TestContext _) => s_scratch = new TempFolder();

    [ClassCleanup]
    public static void DeleteScratch() => s_scratch?.Dispose();

    [TestMethod]
    public void Json_ReadableScene_PrintsOneLineWithFilePlatesAndNullError()
    {
        string path = RecognitionData.RequireScene("粤TD1291");
        var truth = RecognitionData.RequireGroundTruthBox("粤TD1291");

        var (exit, output, _) = ConsoleCapture.Run("--json", path);

        Assert.AreEqual(0, exit);
        var lines = ConsoleCapture.Lines(output);
        Assert.HasCount(1, lines, output);
        using var json = JsonDocument.Parse(lines[0]);
        var root = json.RootElement;
        Assert.AreEqual(path, root.GetProperty("file").GetString());
        Assert.AreEqual(JsonValueKind.Null, root.GetProperty("error").ValueKind);
        var plate = root.GetProperty("plates").EnumerateArray().Single(p => p.GetProperty("text").GetString() == "粤TD1291");
        Assert.AreEqual("blue", plate.GetProperty("color").GetString());
        Assert.IsGreaterThan(0.9, plate.GetProperty("confidence").GetDouble());
        Assert.IsLessThanOrEqualTo(1.0, plate.GetProperty("confidence").GetDouble());
        double[] box = plate.GetProperty("box").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.HasCount(8, box);
        var corners = Enumerable.Range(0, 4).Select(i => new Point2f((float)box[2 * i], (float)box[2 * i + 1])).ToArray();
        Assert.IsGreaterThanOrEqualTo(0, Cv2.PointPolygonTest(corners, truth.Center, measureDist: false), "the box does not contain the tagged centre");
        Assert.HasCount(7, plate.GetProperty("characters").EnumerateArray().ToArray());
    }

    [TestMethod]
    public void Json_MissingFile_PrintsAnErrorLineAndExitsNonZero()
    {
        string missing = s_scratch.Combine("missing.jpg");

        var (exit, output, error) = ConsoleCapture.Run("--json", missing);

        Assert.AreNotEqual(0, exit);
        var lines = ConsoleCapture.Lines(output);
        Assert.HasCount(1, lines, output);
        using var json = JsonDocument.Parse(lines[0]);
        Assert.AreEqual(missing, json.RootElement.GetProperty("file").GetString());
        StringAssert.Contains(json.RootElement.GetProperty("error").GetString(), "not found");
        Assert.AreEqual(0, json.RootElement.GetProperty("plates").GetArrayLength());
        StringAssert.Contains(error, "1 of 1");
    }

    [TestMethod]
    public void Json_BadFileInTheMiddle_ReportsItAndGoesOnWithTheRest()
    {
        string first = RecognitionData.RequireScene("粤TD1291");
        string last = RecognitionData.RequireScene("苏BGG522");
        string bad = s_scratch.Combine("broken.jpg");
        File.WriteAllText(bad, "not a photo");

        var (exit, output, _) = ConsoleCapture.Run("--json", first, bad, last);

        Assert.AreEqual(1, exit);
        var lines = ConsoleCapture.Lines(output).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.HasCount(3, lines, output);
        CollectionAssert.AreEqual(new[] { first, bad, last }, lines.Select(l => l.GetProperty("file").GetString()).ToArray());
        Assert.AreEqual(JsonValueKind.Null, lines[0].GetProperty("error").ValueKind);
        StringAssert.Contains(lines[1].GetProperty("error").GetString(), bad);
        Assert.AreEqual(JsonValueKind.Null, lines[2].GetProperty("error").ValueKind);
        Assert.IsTrue(lines[2].GetProperty("plates").EnumerateArray().Any(p => p.GetProperty("text").GetString() == "苏BGG522"), output);
    }

    [TestMethod]
    public void Text_ReadableScene_PrintsThePlateAndItsColour()
    {
        string path = RecognitionData.RequireScene("粤TD1291");

        var (exit, output, _) = ConsoleCapture.Run(path);

        Assert.AreEqual(0, exit);
        StringAssert.Contains(output, $"{path}: 粤TD1291 confidence ");
        StringAssert.Contains(output, " blue at (");
    }

    [TestMethod]
    public void Annotate_ReadableScene_WritesAnAnnotatedJpegBesideTheOutput()
    {
        string path = RecognitionData.RequireScene("粤TD1291");
        string folder = s_scratch.Combine("annotated");

        var (exit, _, _) = ConsoleCapture.Run("--annotate", folder, path);

        Assert.AreEqual(0, exit);
        // The source extension is kept in the name so x.jpg and x.png do not overwrite each other's copy.
        string written = Path.Combine(folder, Path.GetFileName(path) + ".annotated.jpg");
        Assert.IsTrue(File.Exists(written));
        using var image = Cv2.ImRead(written);
        Assert.AreEqual((768, 576), (image.Width, image.Height));
        Assert.IsEmpty(Directory.GetFiles(folder, "*.tmp*"), "a temporary file was left behind");
    }

    [TestMethod]
    public void NoImages_PrintsAnErrorAndExitsTwo()
    {
        var (exit, _, error) = ConsoleCapture.Run();

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "at least one photo");
    }

    [TestMethod]
    public void MissingModelsFolder_PrintsAnErrorAndExitsTwo()
    {
        string path = RecognitionData.RequireScene("粤TD1291");

        var (exit, _, error) = ConsoleCapture.Run("--models", s_scratch.Combine("no-models"), path);

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "cannot load the models");
    }
}
