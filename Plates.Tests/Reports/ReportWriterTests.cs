using System.Text;
using System.Text.Json;
using Plates.Train.Reports;

namespace Plates.Tests.Reports;

[TestClass]
public sealed class ReportWriterTests
{
    private static readonly byte[] s_pngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private string _directory = "";

    [TestInitialize]
    public void CreateDirectoryName() => _directory = ReportTestData.NewTempDirectory();

    [TestCleanup]
    public void DeleteDirectory()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [TestMethod]
    public void Write_Report_WritesParseableJsonWithAllClasses()
    {
        ReportWriter.Write(ReportTestData.Report(), _directory);

        string json = File.ReadAllText(Path.Combine(_directory, ReportWriter.JsonFileName), Encoding.UTF8);
        StringAssert.Contains(json, "\"京\"", "Non-ASCII labels are written as they are, not as \\u escapes.");

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.AreEqual("province", root.GetProperty("model").GetString());
        Assert.AreEqual("test", root.GetProperty("split").GetString());
        Assert.AreEqual(6, root.GetProperty("samples").GetInt32());
        Assert.AreEqual(4.0 / 6, root.GetProperty("microAccuracy").GetDouble(), 1e-9);
        Assert.AreEqual(JsonValueKind.Number, root.GetProperty("macroAccuracy").ValueKind);
        Assert.AreEqual(JsonValueKind.Number, root.GetProperty("logLoss").ValueKind);
        Assert.AreEqual(JsonValueKind.Number, root.GetProperty("logLossReduction").ValueKind);

        var classes = root.GetProperty("classes").EnumerateArray().ToArray();
        CollectionAssert.AreEqual(ReportTestData.Labels, classes.Select(c => c.GetProperty("label").GetString()).ToArray());
        Assert.AreEqual(0.5, classes[1].GetProperty("precision").GetDouble(), 1e-9);
        Assert.AreEqual(1.0, classes[1].GetProperty("recall").GetDouble(), 1e-9);
        Assert.AreEqual(2.0 / 3, classes[1].GetProperty("f1").GetDouble(), 1e-9);
        Assert.AreEqual(3, classes[0].GetProperty("support").GetInt32());

        var confusion = root.GetProperty("confusion");
        CollectionAssert.AreEqual(ReportTestData.Labels, confusion.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ToArray());
        var counts = confusion.GetProperty("counts").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetInt32()).ToArray()).ToArray();
        CollectionAssert.AreEqual(new[] { 1, 0, 1, 0 }, counts[2]);

        var mostConfused = root.GetProperty("mostConfused").EnumerateArray().ToArray();
        Assert.HasCount(2, mostConfused);
        Assert.AreEqual(1, mostConfused[0].GetProperty("count").GetInt32());

        var skipped = root.GetProperty("skipped").EnumerateArray().ToArray();
        Assert.AreEqual("/data/province/京/broken.png", skipped[0].GetProperty("path").GetString());
        Assert.AreEqual("cannot decode image", skipped[0].GetProperty("reason").GetString());
        Assert.AreEqual("Sdca", root.GetProperty("details").GetProperty("trainer").GetString());
    }

    [TestMethod]
    public void Write_Report_CsvHasHeaderAndOneRowPerClass()
    {
        ReportWriter.Write(ReportTestData.Report(), _directory);

        string[] lines = File.ReadAllLines(Path.Combine(_directory, ReportWriter.ConfusionCsvFileName), Encoding.UTF8);

        Assert.AreEqual(@"truth\predicted,京,沪,粤,A", lines[0]);
        Assert.HasCount(1 + ReportTestData.Labels.Length, lines);
        Assert.AreEqual("京,2,1,0,0", lines[1]);
        Assert.AreEqual("粤,1,0,1,0", lines[3]);
        Assert.AreEqual("A,0,0,0,0", lines[4]);
    }

    [TestMethod]
    public void Write_Report_MarkdownListsClassesConfusionsSkippedAndDetails()
    {
        ReportWriter.Write(ReportTestData.Report(), _directory);

        string markdown = File.ReadAllText(Path.Combine(_directory, ReportWriter.MarkdownFileName), Encoding.UTF8);

        StringAssert.Contains(markdown, "| 沪 |");
        StringAssert.Contains(markdown, "京 → 沪: 1");
        StringAssert.Contains(markdown, "粤 → 京: 1");
        StringAssert.Contains(markdown, "cannot decode image");
        StringAssert.Contains(markdown, "| trainer | Sdca |");
    }

    [TestMethod]
    public void Write_ReportWithMisclassifiedImages_ListsThemInJsonAndMarkdown()
    {
        var report = ReportTestData.Report() with { Misclassified = [new Misclassification("京/a.jpg", "京", "沪", 0.7f)] };

        ReportWriter.Write(report, _directory);

        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, ReportWriter.JsonFileName), Encoding.UTF8));
        var miss = document.RootElement.GetProperty("misclassified").EnumerateArray().Single();
        Assert.AreEqual("京/a.jpg", miss.GetProperty("path").GetString());
        Assert.AreEqual("京", miss.GetProperty("truth").GetString());
        Assert.AreEqual("沪", miss.GetProperty("predicted").GetString());
        Assert.AreEqual(0.7, miss.GetProperty("confidence").GetDouble(), 1e-6);
        string markdown = File.ReadAllText(Path.Combine(_directory, ReportWriter.MarkdownFileName), Encoding.UTF8);
        StringAssert.Contains(markdown, "## Misclassified images (1)");
        StringAssert.Contains(markdown, "| 京/a.jpg | 京 | 沪 | 0.7000 |");
    }

    [TestMethod]
    public void Write_ReportWithIdenticalImages_ListsConflictsInJsonAndMarkdown()
    {
        var report = ReportTestData.Report() with
        {
            Duplicates = new DuplicateSummary(3, 7, [["5/a.jpg", "6/a.jpg"]], EvaluatedSeenInTraining: 2, UnseenMicroAccuracy: 0.75),
        };

        ReportWriter.Write(report, _directory);

        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, ReportWriter.JsonFileName), Encoding.UTF8));
        var duplicates = document.RootElement.GetProperty("duplicates");
        Assert.AreEqual(3, duplicates.GetProperty("identicalGroups").GetInt32());
        Assert.AreEqual(2, duplicates.GetProperty("evaluatedSeenInTraining").GetInt32());
        Assert.AreEqual(0.75, duplicates.GetProperty("unseenMicroAccuracy").GetDouble(), 1e-12);
        Assert.AreEqual("6/a.jpg", duplicates.GetProperty("conflicting")[0][1].GetString());
        string markdown = File.ReadAllText(Path.Combine(_directory, ReportWriter.MarkdownFileName), Encoding.UTF8);
        StringAssert.Contains(markdown, "2 evaluated images are identical to a training image; micro accuracy on the others: 75.00 %");
        StringAssert.Contains(markdown, "- 5/a.jpg, 6/a.jpg");
    }

    [TestMethod]
    public void Write_ExistingReport_IsReplacedWholly()
    {
        Directory.CreateDirectory(_directory);
        foreach (string name in AllFileNames)
        {
            File.WriteAllText(Path.Combine(_directory, name), "stale content from an older run, much longer than nothing");
        }

        ReportWriter.Write(ReportTestData.Report(), _directory);
        ReportWriter.Write(ReportTestData.Report(), _directory);

        CollectionAssert.AreEquivalent(AllFileNames, Directory.GetFiles(_directory).Select(Path.GetFileName).ToArray(),
            "Exactly the report files, no *.tmp left behind.");
        foreach (string name in AllFileNames)
        {
            string text = File.ReadAllText(Path.Combine(_directory, name));
            Assert.IsFalse(text.Contains("stale content", StringComparison.Ordinal), $"{name} still holds the old content.");
        }

        using var _ = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, ReportWriter.JsonFileName)));
    }

    [TestMethod]
    public void Write_FailureWhileWritingTheFourthFile_LeavesEveryPreviousReportFileUnchanged()
    {
        Directory.CreateDirectory(_directory);
        foreach (string name in AllFileNames)
        {
            File.WriteAllText(Path.Combine(_directory, name), $"previous {name}");
        }
        var written = new List<string>();

        var error = Assert.ThrowsExactly<IOException>(() => ReportWriter.Write(ReportTestData.Report(), _directory, name =>
        {
            written.Add(name);
            if (written.Count == 4) throw new IOException("disk full while rendering");
        }));

        Assert.AreEqual("disk full while rendering", error.Message);
        CollectionAssert.AreEqual(AllFileNames.Take(4).ToArray(), written, "The first three files were complete before the failure.");
        foreach (string name in AllFileNames)
        {
            Assert.AreEqual($"previous {name}", File.ReadAllText(Path.Combine(_directory, name)), $"{name} was replaced.");
        }
        CollectionAssert.AreEquivalent(AllFileNames, Directory.GetFiles(_directory).Select(Path.GetFileName).ToArray(),
            "No temporary file is left behind.");
    }

    /// <summary>Issue 9, case 10: a report that failed part-way (a full disk, say) left an empty reports/&lt;model&gt; behind.</summary>
    [TestMethod]
    public void Write_FailureIntoFoldersItCreated_LeavesNoEmptyFolderBehind()
    {
        string reports = Path.Combine(_directory, "reports");
        string model = Path.Combine(reports, "city");
        Directory.CreateDirectory(_directory);

        Assert.ThrowsExactly<IOException>(() => ReportWriter.Write(ReportTestData.Report(), model, name =>
        {
            if (name == ReportWriter.ConfusionCsvFileName) throw new IOException("No space left on device");
        }));

        Assert.IsFalse(Directory.Exists(reports), "neither reports/ nor reports/city is left, empty, after the failure");
        Assert.IsEmpty(Directory.GetFileSystemEntries(_directory));
    }

    [TestMethod]
    public void Write_Report_PngFilesAreValidImages()
    {
        ReportWriter.Write(ReportTestData.Report(), _directory);

        foreach (string name in new[] { ReportWriter.ConfusionPngFileName, ReportWriter.F1PngFileName })
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(_directory, name));
            Assert.IsGreaterThan(s_pngSignature.Length, bytes.Length, $"{name} is empty.");
            CollectionAssert.AreEqual(s_pngSignature, bytes.Take(s_pngSignature.Length).ToArray(), $"{name} is not a PNG.");

            // IHDR follows the signature: width and height are big-endian at bytes 16..23.
            int width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
            int height = (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23];
            Assert.IsTrue(width > 0 && height > 0, $"{name} is {width} × {height}.");
        }
    }

    [TestMethod]
    public void Write_EmptyConfusion_StillWritesEveryFileWithNonFiniteMetricsAsNull()
    {
        var report = new EvaluationReport("city", "test", 0, 0, 0, double.NaN, double.NegativeInfinity, [], [], [], [],
            new Dictionary<string, object>());

        ReportWriter.Write(report, _directory);

        CollectionAssert.AreEquivalent(AllFileNames, Directory.GetFiles(_directory).Select(Path.GetFileName).ToArray());
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, ReportWriter.JsonFileName)));
        // JSON has no NaN: a value that is not a number is null, never the string "NaN".
        Assert.AreEqual(JsonValueKind.Null, document.RootElement.GetProperty("logLoss").ValueKind);
        Assert.AreEqual(JsonValueKind.Null, document.RootElement.GetProperty("logLossReduction").ValueKind);
    }

    [TestMethod]
    public void Write_ConfusionNotMatchingLabels_ThrowsAndWritesNothing()
    {
        var report = new EvaluationReport("city", "test", 1, 1, 1, 0, 0, ["A", "B"], [[1]], [], [],
            new Dictionary<string, object>());

        Assert.ThrowsExactly<ArgumentException>(() => ReportWriter.Write(report, _directory));
        Assert.IsFalse(Directory.Exists(_directory));
    }

    private static string[] AllFileNames =>
    [
        ReportWriter.JsonFileName, ReportWriter.MarkdownFileName, ReportWriter.ConfusionCsvFileName,
        ReportWriter.ConfusionPngFileName, ReportWriter.F1PngFileName,
    ];
}
