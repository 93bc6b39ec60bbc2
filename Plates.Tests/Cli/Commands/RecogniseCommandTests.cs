using System.Text.Json;
using OpenCvSharp;
using Plates.Tests.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Cli.Commands;

/// <summary>
/// The default command: one line per photo (JSON with --json), errors reported per file, the batch going on; the
/// options of issue 8 (unknown options refused, --crop, --top, --min-confidence, --recursive, the summary line).
/// </summary>
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
        StringAssert.Contains(error, "summary: 1 photo, 0 read, 1 failed; 0 plates");
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

    [TestMethod]
    public void UnknownOption_IsAUsageErrorNotAFileName()
    {
        string path = RecognitionData.RequireScene("粤TD1291");

        var (exit, output, error) = ConsoleCapture.Run("--threads", "2", path);

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "unknown option '--threads'");
        Assert.AreEqual("", output, "nothing is read");
    }

    [TestMethod]
    public void NameAfterDoubleDash_IsAFileEvenWhenItStartsWithADash()
    {
        var (exit, output, error) = ConsoleCapture.Run("--json", "--", "--no-such-photo.jpg");

        Assert.AreEqual(1, exit, error);
        using var json = JsonDocument.Parse(ConsoleCapture.Lines(output).Single());
        Assert.AreEqual("--no-such-photo.jpg", json.RootElement.GetProperty("file").GetString());
        StringAssert.Contains(json.RootElement.GetProperty("error").GetString(), "not found");
    }

    [TestMethod]
    public void StandardInputTwice_IsAUsageError()
    {
        var (exit, _, error) = ConsoleCapture.Run("-", "-");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "'-' (standard input) can be given once");
    }

    [TestMethod]
    [DataRow("--top", "0")]
    [DataRow("--top", "11")]
    [DataRow("--min-confidence", "1.5")]
    public void OptionValueOutOfRange_IsAUsageError(string option, string value)
    {
        var (exit, _, error) = ConsoleCapture.Run(option, value, "photo.jpg");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, option);
    }

    /// <summary>Plate crops read as photos are mostly not found or misread (7–11% exact); --crop reads them as plates.</summary>
    [TestMethod]
    public void Crop_FolderOfPlateCrops_ReadsEachAsOnePlate()
    {
        string crops = s_scratch.Combine("crops");
        Directory.CreateDirectory(crops);
        var files = Plates.Model.Data.ImageFileTypes.InFolder(RecognitionData.RequireFolder("crops")).Take(6).ToArray();
        foreach (string file in files) File.Copy(file, Path.Combine(crops, Path.GetFileName(file)), overwrite: true);

        var (exit, output, error) = ConsoleCapture.Run("--json", "--crop", crops);

        Assert.AreEqual(0, exit, error);
        var lines = ConsoleCapture.Lines(output).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.HasCount(files.Length, lines);
        int exact = lines.Count(l => l.GetProperty("plates").EnumerateArray().Select(p => p.GetProperty("text").GetString())
            .SequenceEqual([Path.GetFileNameWithoutExtension(l.GetProperty("file").GetString())]));
        Assert.IsGreaterThanOrEqualTo(files.Length - 1, exact, output);
    }

    [TestMethod]
    public void Top_JsonGivesEachPlateItsMostProbableReadingsOwnTextFirst()
    {
        string path = RecognitionData.RequireScene("粤TD1291");

        var (exit, output, _) = ConsoleCapture.Run("--json", "--top", "3", path);

        Assert.AreEqual(0, exit);
        using var json = JsonDocument.Parse(ConsoleCapture.Lines(output).Single());
        foreach (var plate in json.RootElement.GetProperty("plates").EnumerateArray())
        {
            var readings = plate.GetProperty("readings").EnumerateArray().ToArray();
            Assert.HasCount(3, readings);
            Assert.AreEqual(plate.GetProperty("text").GetString(), readings[0].GetProperty("text").GetString());
            Assert.AreEqual(plate.GetProperty("confidence").GetDouble(), readings[0].GetProperty("confidence").GetDouble(), 1e-4);
            Assert.IsGreaterThanOrEqualTo(readings[1].GetProperty("confidence").GetDouble(), readings[0].GetProperty("confidence").GetDouble());
        }
    }

    [TestMethod]
    public void Top_TextPrintsTheReadingsUnderThePlate()
    {
        string path = RecognitionData.RequireScene("粤TD1291");

        var (_, output, _) = ConsoleCapture.Run("--top", "2", path);

        StringAssert.Contains(output, $"{path}:   top 2: 粤TD1291 ");
    }

    [TestMethod]
    public void NoTop_JsonHasNoReadingsField()
    {
        var (_, output, _) = ConsoleCapture.Run("--json", RecognitionData.RequireScene("粤TD1291"));

        Assert.DoesNotContain("\"readings\"", output);
        Assert.DoesNotContain("\"annotated\"", output);
    }

    [TestMethod]
    public void MinConfidence_LeavesOutPlatesUnderItAndTheSummarySaysHowMany()
    {
        string path = RecognitionData.RequireScene("粤TD1291");
        var (_, all, _) = ConsoleCapture.Run("--json", path);
        int plates = JsonDocument.Parse(ConsoleCapture.Lines(all).Single()).RootElement.GetProperty("plates").GetArrayLength();

        var (exit, output, error) = ConsoleCapture.Run("--json", "--min-confidence", "0.99999", path);

        Assert.AreEqual(0, exit);
        Assert.AreEqual(0, JsonDocument.Parse(ConsoleCapture.Lines(output).Single()).RootElement.GetProperty("plates").GetArrayLength());
        StringAssert.Contains(error, $"0 plates shown, {plates} under --min-confidence 0.99999 not shown");
    }

    [TestMethod]
    public void Recursive_ReadsSubfoldersWhichAreOtherwiseLeftAlone()
    {
        string folder = s_scratch.Combine("nested");
        Directory.CreateDirectory(Path.Combine(folder, "sub", "deeper"));
        File.Copy(RecognitionData.RequireScene("粤TD1291"), Path.Combine(folder, "sub", "deeper", "粤TD1291.jpg"), overwrite: true);

        var (flatExit, _, flatError) = ConsoleCapture.Run("--json", folder);
        var (exit, output, error) = ConsoleCapture.Run("--json", "--recursive", folder);

        Assert.AreEqual(1, flatExit);
        StringAssert.Contains(flatError, $"{folder}: no image files in this folder.");
        Assert.AreEqual(0, exit, error);
        using var json = JsonDocument.Parse(ConsoleCapture.Lines(output).Single());
        Assert.AreEqual(Path.Combine(folder, "sub", "deeper", "粤TD1291.jpg"), json.RootElement.GetProperty("file").GetString());
    }

    /// <summary>Issue 9 case 18: the summary counts what happened, an empty folder named as such.</summary>
    [TestMethod]
    public void Summary_OnePhotoRead_SaysSoAndAnEmptyFolderIsCountedAsOne()
    {
        string empty = s_scratch.Combine("empty");
        Directory.CreateDirectory(empty);
        string path = RecognitionData.RequireScene("粤TD1291");

        var (readExit, _, readError) = ConsoleCapture.Run(path);
        var (emptyExit, emptyOutput, emptyError) = ConsoleCapture.Run(empty);

        Assert.AreEqual(0, readExit);
        StringAssert.Contains(readError, "summary: 1 photo, 1 read, 0 failed; 1 plate");
        Assert.DoesNotContain("failed.", readError);
        Assert.AreEqual(1, emptyExit);
        Assert.AreEqual("", emptyOutput);
        StringAssert.Contains(emptyError, $"error: {empty}: no image files in this folder.");
        StringAssert.Contains(emptyError, "summary: 0 photos; 0 plates; 1 folder with no image files");
    }
}
