using System.Text.Json;
using Plates.Tests.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Cli.Output;

/// <summary>
/// Issue 9 case 15, and '-', on the real process: standard output on a full disk gives a clean message and exit 3,
/// never a stack trace or a cut JSON line; an image piped into standard input is read.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class StandardOutputTests
{
    [TestMethod]
    public void StandardOutputToDevFull_CleanMessageAndExitThreeWithoutAStackTrace()
    {
        if (!File.Exists("/dev/full")) Assert.Inconclusive("No /dev/full on this system.");
        string path = RecognitionData.RequireScene("粤TD1291");

        var (exit, _, error) = CliProcess.Bash($"plates --json '{path}' > /dev/full");

        Assert.AreEqual(3, exit, error);
        StringAssert.Contains(error, "error: standard output could not be written: No space left on device");
        StringAssert.Contains(error, "stopped: standard output could not be written");
        Assert.DoesNotContain("   at ", error, "no stack trace");
        Assert.DoesNotContain("Unhandled", error);
    }

    /// <summary>
    /// A disk that fills up in the middle of a line: the line's start, taken by the system before it failed, is cut off
    /// again, so the file holds whole JSON lines only. The disk is a 4 KiB tmpfs mounted in a private mount namespace.
    /// </summary>
    [TestMethod]
    public void StandardOutputToADiskThatFillsUp_LeavesOnlyWholeJsonLines()
    {
        var scenes = RecognitionData.Scenes(8);
        using var scratch = new TempFolder();
        string photos = scratch.Combine("photos"), disk = scratch.Combine("disk");
        Directory.CreateDirectory(photos);
        Directory.CreateDirectory(disk);
        foreach (string scene in scenes) File.Copy(scene, Path.Combine(photos, Path.GetFileName(scene)));

        var (exit, output, error) = CliProcess.Bash(
            "U='unshare --mount'; [ \"$(id -u)\" = 0 ] || U='unshare --user --map-root-user --mount'; $U true || exit 99; " +
            $"$U bash -c \"mount -t tmpfs -o size=4k tmpfs '{disk}' || exit 99; " +
            $"plates --json --top 10 '{photos}' > '{disk}/out.jsonl'; code=\\$?; cat '{disk}/out.jsonl'; exit \\$code\"");

        if (exit == 99) Assert.Inconclusive($"A tmpfs cannot be mounted here (needs root or user namespaces): {error}");
        Assert.AreEqual(3, exit, error);
        Assert.EndsWith("\n", output, "the file ends with a whole line");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.IsNotEmpty(lines);
        Assert.IsLessThan(scenes.Length, lines.Length, "the disk filled up before the end");
        foreach (string line in lines) JsonDocument.Parse(line).Dispose();
        StringAssert.Contains(error, "No space left on device");
    }

    [TestMethod]
    public void StandardInput_AnImagePipedIn_IsReadAsTheFileDash()
    {
        string path = RecognitionData.RequireScene("粤TD1291");

        var (exit, output, error) = CliProcess.Bash($"plates --json - < '{path}'");

        Assert.AreEqual(0, exit, error);
        using var json = JsonDocument.Parse(output.Trim());
        Assert.AreEqual("-", json.RootElement.GetProperty("file").GetString());
        Assert.IsTrue(json.RootElement.GetProperty("plates").EnumerateArray().Any(p => p.GetProperty("text").GetString() == "粤TD1291"), output);
    }

    [TestMethod]
    public void StandardInput_EndlessZeros_IsRefusedAsNotAnImage()
    {
        if (!File.Exists("/dev/zero")) Assert.Inconclusive("No /dev/zero on this system.");

        var (exit, output, error) = CliProcess.Bash("plates - < /dev/zero");

        Assert.AreEqual(1, exit, error);
        StringAssert.Contains(output, "-: error: standard input: not an image");
    }
}
