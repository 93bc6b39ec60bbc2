using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using OpenCvSharp;
using Plates.Tests.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Cli.Commands;

/// <summary>
/// The command line's answers to the bad input of issue 9: every problem is the one file's or folder's, reported by
/// name, and the batch goes on; an annotated copy that cannot be written never costs the plates read.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class BadInputCommandTests
{
    private static TempFolder s_scratch = null!;

    [ClassInitialize]
    public static void CreateScratch(TestContext _) => s_scratch = new TempFolder();

    [ClassCleanup]
    public static void DeleteScratch() => s_scratch?.Dispose();

    private static JsonElement[] JsonLines(string output) =>
        ConsoleCapture.Lines(output).Select(l => JsonDocument.Parse(l).RootElement).ToArray();

    /// <summary>Case 3: /dev/zero among the inputs is one file's error; the photos after it are still read.</summary>
    [TestMethod]
    public void DevZeroAmongTheInputs_IsThatFilesErrorAndTheBatchGoesOn()
    {
        if (!File.Exists("/dev/zero")) Assert.Inconclusive("No /dev/zero on this system.");
        string first = RecognitionData.RequireScene("粤TD1291"), last = RecognitionData.RequireScene("苏BGG522");

        var (exit, output, error) = ConsoleCapture.Run("--json", first, "/dev/zero", last);

        Assert.AreEqual(1, exit);
        var lines = JsonLines(output);
        Assert.HasCount(3, lines);
        StringAssert.Contains(lines[1].GetProperty("error").GetString(), "/dev/zero: not an image");
        Assert.IsTrue(lines[2].GetProperty("plates").EnumerateArray().Any(p => p.GetProperty("text").GetString() == "苏BGG522"));
        StringAssert.Contains(error, "summary: 3 photos, 2 read, 1 failed");
    }

    /// <summary>
    /// Case 4: a folder that cannot be listed is that folder's error, and the inputs before and after it are read.
    /// Root lists any folder, so as root this ends inconclusive: scripts/nonroot-checks.sh runs it as the user nobody.
    /// </summary>
    [TestMethod]
    [TestCategory(Permissions.Category)]
    [UnsupportedOSPlatform("windows")]
    public void FolderThatCannotBeListed_IsThatFoldersErrorAndTheRestAreRead()
    {
        string locked = s_scratch.Combine("locked");
        Directory.CreateDirectory(locked);
        File.Copy(RecognitionData.RequireScene("粤TD1291"), Path.Combine(locked, "粤TD1291.jpg"), overwrite: true);
        using (Permissions.Deny(locked, UnixFileMode.None))
        {
            string first = RecognitionData.RequireScene("粤TD1291"), last = RecognitionData.RequireScene("苏BGG522");

            var (exit, output, error) = ConsoleCapture.Run("--json", first, locked, last);

            Assert.AreEqual(1, exit);
            CollectionAssert.AreEqual(new[] { first, last }, JsonLines(output).Select(l => l.GetProperty("file").GetString()).ToArray());
            StringAssert.Contains(error, $"error: {locked}: cannot be listed: Permission denied");
            StringAssert.Contains(error, "summary: 2 photos, 2 read, 0 failed; 2 plates; 1 folder could not be listed");
        }
    }

    /// <summary>Case 11: a photo whose name takes 230 bytes is read, and its annotated copy gets a name that fits.</summary>
    [TestMethod]
    public void Annotate_VeryLongFileName_KeepsThePlatesAndWritesACopyWhoseNameFits()
    {
        string folder = s_scratch.Combine("long");
        Directory.CreateDirectory(folder);
        string name = "粤TD1291-" + new string('x', 230 - Encoding.UTF8.GetByteCount("粤TD1291-.jpg")) + ".jpg";
        Assert.AreEqual(230, Encoding.UTF8.GetByteCount(name));
        string photo = Path.Combine(folder, name);
        File.Copy(RecognitionData.RequireScene("粤TD1291"), photo, overwrite: true);
        string annotated = s_scratch.Combine("long-annotated");

        var (exit, output, error) = ConsoleCapture.Run("--json", "--annotate", annotated, photo);

        Assert.AreEqual(0, exit, error);
        var line = JsonLines(output).Single();
        Assert.IsTrue(line.GetProperty("plates").EnumerateArray().Any(p => p.GetProperty("text").GetString() == "粤TD1291"), output);
        string written = line.GetProperty("annotated").GetString()!;
        Assert.IsTrue(File.Exists(written), written);
        Assert.IsLessThanOrEqualTo(200, Encoding.UTF8.GetByteCount(Path.GetFileName(written)));
        Assert.IsEmpty(Directory.GetFiles(annotated, "*.tmp"), "a temporary file was left behind");
    }

    /// <summary>
    /// Case 12: when the annotated copy cannot be written (here the annotation folder is a file; a full disk is checked
    /// by hand, README), the plates are still reported, with the error beside them, and the run exits 1.
    /// </summary>
    [TestMethod]
    public void Annotate_CopyCannotBeWritten_ThePlatesAreReportedWithTheErrorBeside()
    {
        string notAFolder = s_scratch.Combine("a-file");
        File.WriteAllText(notAFolder, "");
        string path = RecognitionData.RequireScene("粤TD1291");

        var (exit, output, error) = ConsoleCapture.Run("--json", "--annotate", notAFolder, path);
        var (_, text, _) = ConsoleCapture.Run("--annotate", notAFolder, path);

        Assert.AreEqual(1, exit);
        var line = JsonLines(output).Single();
        Assert.AreEqual(JsonValueKind.Null, line.GetProperty("error").ValueKind);
        Assert.IsTrue(line.GetProperty("plates").EnumerateArray().Any(p => p.GetProperty("text").GetString() == "粤TD1291"), output);
        Assert.IsFalse(string.IsNullOrEmpty(line.GetProperty("annotationError").GetString()));
        StringAssert.Contains(error, "summary: 1 photo, 1 read, 0 failed; 1 plate; 1 annotated copy not written");
        StringAssert.Contains(text, $"{path}: 粤TD1291 confidence");
        StringAssert.Contains(text, $"{path}: annotated copy not written: ");
    }

    /// <summary>Case 13: two photos of the same name in different folders get two annotated copies, neither overwritten.</summary>
    [TestMethod]
    public void Annotate_TwoInputsWithTheSameName_WritesTwoCopies()
    {
        string a = s_scratch.Combine("same", "a"), b = s_scratch.Combine("same", "b");
        Directory.CreateDirectory(a);
        Directory.CreateDirectory(b);
        File.Copy(RecognitionData.RequireScene("粤TD1291"), Path.Combine(a, "car.jpg"), overwrite: true);
        File.Copy(RecognitionData.RequireScene("苏BGG522"), Path.Combine(b, "car.jpg"), overwrite: true);
        string annotated = s_scratch.Combine("same-annotated");

        var (exit, output, _) = ConsoleCapture.Run("--json", "--annotate", annotated, Path.Combine(a, "car.jpg"), b);

        Assert.AreEqual(0, exit);
        var written = JsonLines(output).Select(l => l.GetProperty("annotated").GetString()!).ToArray();
        Assert.HasCount(2, written.Distinct().ToArray());
        Assert.HasCount(2, Directory.GetFiles(annotated));
        using var first = Cv2.ImRead(written[0]);
        using var second = Cv2.ImRead(written[1]);
        Assert.AreNotEqual(first.Size(), second.Size(), "each copy is of its own photo");
    }

    /// <summary>Case 14: annotating into the input folder twice, the second run does not read the first run's copies.</summary>
    [TestMethod]
    public void Annotate_IntoTheInputFolderTwice_TheCopiesAreNotReadAsPhotos()
    {
        string folder = s_scratch.Combine("in-place");
        Directory.CreateDirectory(folder);
        File.Copy(RecognitionData.RequireScene("粤TD1291"), Path.Combine(folder, "粤TD1291.jpg"), overwrite: true);

        var (_, firstRun, _) = ConsoleCapture.Run("--json", "--annotate", folder, folder);
        var (exit, secondRun, error) = ConsoleCapture.Run("--json", "--annotate", folder, folder);

        Assert.AreEqual(0, exit, error);
        Assert.HasCount(1, JsonLines(firstRun));
        Assert.AreEqual(Path.Combine(folder, "粤TD1291.jpg"), JsonLines(secondRun).Single().GetProperty("file").GetString());
        StringAssert.Contains(error, "1 other file in the folders skipped");
    }

    /// <summary>
    /// Case 17: a file whose name is not valid UTF-8 (京 in GBK, BE A9), found by listing its folder, is read by the
    /// bytes of its name and printed with them escaped.
    /// </summary>
    [TestMethod]
    public void FolderHoldingAFileWhoseNameIsNotUtf8_ReadsItByItsBytes()
    {
        if (!OperatingSystem.IsLinux()) Assert.Inconclusive("Names are bytes on Linux; elsewhere they are text.");
        string folder = s_scratch.Combine("gbk");
        Directory.CreateDirectory(folder);
        string plain = Path.Combine(folder, "plain.jpg");
        File.Copy(RecognitionData.RequireScene("粤TD1291"), plain, overwrite: true);
        byte[] gbk = [.. Encoding.UTF8.GetBytes(folder + "/"), 0xBE, 0xA9, .. "A12345.jpg"u8, 0];
        Assert.AreEqual(0, rename([.. Encoding.UTF8.GetBytes(plain), 0], gbk), "rename failed");
        try
        {
            var (exit, output, error) = ConsoleCapture.Run("--json", folder);

            Assert.AreEqual(0, exit, error);
            var line = JsonLines(output).Single();
            Assert.AreEqual(Path.Combine(folder, "\\xBE\\xA9A12345.jpg"), line.GetProperty("file").GetString());
            Assert.AreEqual(JsonValueKind.Null, line.GetProperty("error").ValueKind);
            Assert.IsTrue(line.GetProperty("plates").EnumerateArray().Any(p => p.GetProperty("text").GetString() == "粤TD1291"), output);
        }
        finally
        {
            unlink(gbk);
        }
    }

    /// <summary>
    /// Note of issue 9: GIF and HEIC files in a folder are taken as they are when named: the GIF read, the HEIC
    /// refused by its format's name, neither passed over.
    /// </summary>
    [TestMethod]
    public void FolderWithGifAndHeic_TreatsThemAsWhenNamed()
    {
        string folder = s_scratch.Combine("formats");
        Directory.CreateDirectory(folder);
        using (var scene = Cv2.ImRead(RecognitionData.RequireScene("粤TD1291")))
            Cv2.ImWrite(Path.Combine(folder, "scene.gif"), scene);
        File.WriteAllBytes(Path.Combine(folder, "phone.heic"), [0, 0, 0, 24, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8, .. new byte[64]]);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not an image");

        var (listedExit, listed, listedError) = ConsoleCapture.Run("--json", folder);
        var (namedExit, named, _) = ConsoleCapture.Run("--json", Path.Combine(folder, "phone.heic"), Path.Combine(folder, "scene.gif"));

        Assert.AreEqual(1, listedExit);
        Assert.AreEqual(listedExit, namedExit);
        var lines = JsonLines(listed);
        CollectionAssert.AreEqual(JsonLines(named).Select(l => l.GetProperty("error").ToString()).ToArray(), lines.Select(l => l.GetProperty("error").ToString()).ToArray());
        StringAssert.Contains(lines[0].GetProperty("error").GetString(), "HEIF/HEIC image, which the decoder does not read");
        Assert.AreEqual(JsonValueKind.Null, lines[1].GetProperty("error").ValueKind);
        StringAssert.Contains(listedError, "1 other file in the folders skipped");
    }

    // DllImport rather than LibraryImport: the test project does not allow unsafe code, and these two are only setup.
    [DllImport("libc", SetLastError = true)]
    private static extern int rename(byte[] from, byte[] to);

    [DllImport("libc", SetLastError = true)]
    private static extern int unlink(byte[] path);
}
