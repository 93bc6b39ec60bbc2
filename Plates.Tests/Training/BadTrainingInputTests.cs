using System.Buffers.Binary;
using OpenCvSharp;
using Plates.Model.IO;
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
            EvaluationRun.Run(missing, temp.Path, new EvaluationOptions { Split = EvaluationSplit.All }, temp.Combine("report")));

        StringAssert.Contains(error.Message, missing);
    }

    [TestMethod]
    public void Evaluate_CorruptModel_SaysWhichFileAndWhy()
    {
        using var temp = new TempFolder();
        string corrupt = temp.Combine("city.zip");
        File.WriteAllBytes(corrupt, Enumerable.Range(0, 500).Select(i => (byte)(i * 7)).ToArray());

        var error = Assert.ThrowsExactly<InvalidDataException>(() =>
            EvaluationRun.Run(corrupt, temp.Path, new EvaluationOptions { Split = EvaluationSplit.All }, temp.Combine("report")));

        StringAssert.Contains(error.Message, corrupt);
        StringAssert.Contains(error.Message, "not a loadable ML.NET model");
    }

    /// <summary>Issue 9, case 6: a 68-byte PNG declaring 100000×100000 pixels stopped the whole run with an OpenCVException.</summary>
    [TestMethod]
    public void Read_PngDeclaring100000By100000_IsSkippedFromItsHeaderWithoutDecoding()
    {
        using var temp = new TempFolder();
        SyntheticCharacters.Write(temp.Path, ["A", "B"], perClass: 3);
        File.WriteAllBytes(temp.Combine("A", "huge.png"), PngDeclaring(temp.Combine("A", "A-000.png"), 100_000, 100_000));

        var dataset = CharacterFolderReader.Read(temp.Path, LabelSets.City);

        Assert.HasCount(6, dataset.Images);
        StringAssert.Contains(Reason(dataset, "huge.png"), "image is 100000×100000 pixels, too large for a character crop (at most 1,000,000 pixels) (from its header; not decoded)");
    }

    /// <summary>Issue 9, case 7: a real 10000×10000 image was taken for a character, at ten times the run's time.</summary>
    [TestMethod]
    public void Read_10000By10000Image_IsSkippedAsTooLargeForACharacterCrop()
    {
        using var temp = new TempFolder();
        SyntheticCharacters.Write(temp.Path, ["A", "B"], perClass: 3);
        using (var large = new Mat(10_000, 10_000, MatType.CV_8UC1, Scalar.All(0)))
            Cv2.ImWrite(temp.Combine("B", "large.png"), large, new ImageEncodingParam(ImwriteFlags.PngCompression, 1));

        var dataset = CharacterFolderReader.Read(temp.Path, LabelSets.City);

        Assert.HasCount(6, dataset.Images);
        StringAssert.Contains(Reason(dataset, "large.png"), "image is 10000×10000 pixels, too large for a character crop (at most 1,000,000 pixels)");
    }

    [TestMethod]
    public void Read_TiffOverTheCharacterLimit_IsSkippedFromItsHeader()
    {
        using var temp = new TempFolder();
        SyntheticCharacters.Write(temp.Path, ["A", "B"], perClass: 3);
        using (var image = new Mat(30, 40, MatType.CV_8UC1, Scalar.All(0)))
            Cv2.ImWrite(temp.Combine("A", "wide.tiff"), image);

        var dataset = CharacterFolderReader.Read(temp.Path, LabelSets.City, options: new CharacterReadingOptions { MaxPixels = 1000 });

        StringAssert.Contains(Reason(dataset, "wide.tiff"), "image is 40×30 pixels, too large for a character crop (at most 1,000 pixels)");
        Assert.HasCount(6, dataset.Images, "the 20×20 glyphs are within the limit");
    }

    /// <summary>Issue 9, case 8: a class folder that cannot be listed threw UnauthorizedAccessException and nothing was read.</summary>
    [TestMethod]
    [TestCategory(Permissions.Category)]
    public void Read_ClassFolderThatCannotBeListed_IsSkippedAndListedWhileTheOthersAreRead()
    {
        using var temp = new TempFolder();
        SyntheticCharacters.Write(temp.Path, ["A", "B", "C"], perClass: 3);
        using var _ = Permissions.Deny(temp.Combine("C"), UnixFileMode.None);

        var dataset = CharacterFolderReader.Read(temp.Path, LabelSets.City);

        CollectionAssert.AreEqual(new[] { "A", "B" }, dataset.Classes.ToArray());
        var skipped = dataset.Skipped.Single(s => s.Path == temp.Combine("C"));
        StringAssert.Contains(skipped.Reason, "class folder cannot be listed");
        Assert.IsTrue(dataset.Warnings.Any(w => w.Contains(temp.Combine("C")) && w.Contains("cannot be listed")), string.Join("\n", dataset.Warnings));
    }

    /// <summary>
    /// Issue 9, case 10: runs killed while writing left their temporary files in --out for good. The next run removes
    /// those of our own naming that are old enough to be orphans, leaves other files alone, and leaves none of its own.
    /// </summary>
    [TestMethod]
    public void Run_AfterAKilledRun_RemovesItsStaleTemporaryFilesAndLeavesNoneOfItsOwn()
    {
        using var temp = new TempFolder();
        SyntheticCharacters.Write(temp.Combine("data"), ["A", "B"], perClass: 10);
        string outFolder = temp.Combine("out"), reports = temp.Combine("out", "reports", "city");
        Directory.CreateDirectory(reports);
        string[] stale =
        [
            Path.Combine(outFolder, "city.zip.k2j4m1qa.x0b.tmp"),
            Path.Combine(outFolder, AtomicFile.TemporaryName("province.zip")),
            Path.Combine(reports, AtomicFile.TemporaryName("metrics.json")),
        ];
        string fresh = Path.Combine(outFolder, AtomicFile.TemporaryName("alnum.zip"));
        string notOurs = Path.Combine(outFolder, "notes.tmp");
        foreach (string file in stale.Append(fresh).Append(notOurs)) File.WriteAllText(file, "partial");
        foreach (string file in stale) File.SetLastWriteTimeUtc(file, DateTime.UtcNow - AtomicFile.StaleAfter - TimeSpan.FromMinutes(1));

        var outcome = TrainingRun.Run(LabelSets.City, temp.Combine("data"), outFolder, s_fast);

        foreach (string file in stale) Assert.IsFalse(File.Exists(file), file);
        Assert.IsTrue(File.Exists(fresh), "a temporary file that may belong to a write in progress is left alone");
        Assert.IsTrue(File.Exists(notOurs), "a file not named like ours is never deleted");
        CollectionAssert.AreEquivalent(new[] { fresh, notOurs }, Directory.GetFiles(outFolder, "*.tmp", SearchOption.AllDirectories));
        Assert.IsTrue(outcome.Warnings.Any(w => w.Contains("removed 2 temporary file(s) left by an interrupted run")), string.Join("\n", outcome.Warnings));
    }

    private static string Reason(CharacterDataset dataset, string fileName) =>
        dataset.Skipped.Single(s => Path.GetFileName(s.Path) == fileName).Reason;

    /// <summary>A real PNG with its header's size replaced and the header's CRC made right again, so decoders believe it.</summary>
    private static byte[] PngDeclaring(string source, int width, int height)
    {
        byte[] png = File.ReadAllBytes(source);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        // The IHDR chunk's CRC covers its type and data: bytes 12..28.
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }
}
