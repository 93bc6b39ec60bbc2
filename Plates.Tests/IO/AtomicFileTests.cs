using System.Text;
using Plates.Model.IO;
using Plates.Tests.TestSupport;

namespace Plates.Tests.IO;

/// <summary>The target holds the old content or the complete new one; a failed write leaves no temporary file behind.</summary>
[TestClass]
public sealed class AtomicFileTests
{
    [TestMethod]
    public void Write_ExistingTarget_IsReplacedByTheNewContentWithNothingElseLeftInTheFolder()
    {
        using var folder = new TempFolder();
        string target = folder.Combine("report.json");
        File.WriteAllText(target, "old content that is longer than the new");

        AtomicFile.Write(target, stream => stream.Write("new"u8));

        Assert.AreEqual("new", File.ReadAllText(target));
        CollectionAssert.AreEqual(new[] { target }, Directory.GetFiles(folder.Path));
    }

    [TestMethod]
    public void Write_WriterThrowsAfterWritingPart_LeavesTheOldFileIntactAndNoTemporaryFile()
    {
        using var folder = new TempFolder();
        string target = folder.Combine("model.zip");
        File.WriteAllText(target, "old");

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => AtomicFile.Write(target, stream =>
        {
            stream.Write("half of the new"u8);
            throw new InvalidOperationException("disk full, say");
        }));

        Assert.AreEqual("disk full, say", error.Message);
        Assert.AreEqual("old", File.ReadAllText(target));
        CollectionAssert.AreEqual(new[] { target }, Directory.GetFiles(folder.Path));
    }

    [TestMethod]
    public void Write_WriterThrowsWithNoOldFile_LeavesNoFileAtAll()
    {
        using var folder = new TempFolder();
        string target = folder.Combine("report.md");

        Assert.ThrowsExactly<IOException>(() => AtomicFile.Write(target, _ => throw new IOException("cannot")));

        Assert.IsEmpty(Directory.GetFiles(folder.Path));
    }

    [TestMethod]
    public void Write_BeforeReplacingThrows_LeavesTheOldFileAfterSeeingTheCompleteNewOne()
    {
        using var folder = new TempFolder();
        string target = folder.Combine("model.zip");
        File.WriteAllText(target, "old");
        long seen = -1;

        Assert.ThrowsExactly<IOException>(() => AtomicFile.Write(target, stream => stream.Write(new byte[1000]), written =>
        {
            seen = written.Length;
            Assert.AreEqual(folder.Path, written.DirectoryName, "The temporary file is beside the target, so the rename stays on one file system.");
            throw new IOException("the report could not be written");
        }));

        Assert.AreEqual(1000, seen);
        Assert.AreEqual("old", File.ReadAllText(target));
        CollectionAssert.AreEqual(new[] { target }, Directory.GetFiles(folder.Path));
    }

    [TestMethod]
    public void Write_WriterThatClosesTheStreamItself_StillReplacesTheTarget()
    {
        using var folder = new TempFolder();
        string target = folder.Combine("model.zip");

        AtomicFile.Write(target, stream =>
        {
            stream.Write("closed by the writer"u8);
            stream.Dispose();
        });

        Assert.AreEqual("closed by the writer", File.ReadAllText(target));
        CollectionAssert.AreEqual(new[] { target }, Directory.GetFiles(folder.Path));
    }

    [TestMethod]
    public void WriteAll_LaterWriterThrows_LeavesEveryOldFileIntactAndNoTemporaryFile()
    {
        using var folder = new TempFolder();
        string first = folder.Combine("metrics.json"), second = folder.Combine("metrics.md");
        File.WriteAllText(first, "old json");
        File.WriteAllText(second, "old markdown");

        Assert.ThrowsExactly<IOException>(() => AtomicFile.WriteAll(
        [
            (first, stream => stream.Write("new json"u8)),
            (second, _ => throw new IOException("rendering failed")),
        ]));

        Assert.AreEqual("old json", File.ReadAllText(first), "The complete first file must wait for the second.");
        Assert.AreEqual("old markdown", File.ReadAllText(second));
        CollectionAssert.AreEquivalent(new[] { first, second }, Directory.GetFiles(folder.Path));
    }

    [TestMethod]
    public void WriteAll_EveryWriterSucceeds_ReplacesEveryTarget()
    {
        using var folder = new TempFolder();
        string first = folder.Combine("metrics.json"), second = folder.Combine("out", "metrics.md");
        File.WriteAllText(first, "old json");

        AtomicFile.WriteAll([(first, stream => stream.Write("new json"u8)), (second, stream => stream.Write("new markdown"u8))]);

        Assert.AreEqual("new json", File.ReadAllText(first));
        Assert.AreEqual("new markdown", File.ReadAllText(second));
        CollectionAssert.AreEqual(new[] { first }, Directory.GetFiles(folder.Path));
    }

    [TestMethod]
    public void Stage_DisposedWithoutCommit_LeavesTheOldFileAndDeletesTheCompleteNewOne()
    {
        using var folder = new TempFolder();
        string target = folder.Combine("confusion.png");
        File.WriteAllText(target, "old");

        using (var staged = AtomicFile.Stage(target, stream => stream.Write("new"u8)))
        {
            Assert.AreEqual("new", File.ReadAllText(staged.TemporaryPath));
            Assert.AreEqual("old", File.ReadAllText(target), "Nothing is replaced before Commit.");
        }

        Assert.AreEqual("old", File.ReadAllText(target));
        CollectionAssert.AreEqual(new[] { target }, Directory.GetFiles(folder.Path));
    }

    [TestMethod]
    public void Stage_Committed_ReplacesTheTargetAndDisposingKeepsIt()
    {
        using var folder = new TempFolder();
        string target = folder.Combine("f1.png");
        File.WriteAllText(target, "old");

        using (var staged = AtomicFile.Stage(target, stream => stream.Write("new"u8)))
        {
            staged.Commit();
        }

        Assert.AreEqual("new", File.ReadAllText(target));
        CollectionAssert.AreEqual(new[] { target }, Directory.GetFiles(folder.Path));
    }

    [TestMethod]
    public void WriteAllText_MissingFolder_CreatesItAndWritesUtf8WithoutByteOrderMark()
    {
        using var folder = new TempFolder();
        string target = folder.Combine("out", "report.md");

        AtomicFile.WriteAllText(target, "京A88731");

        CollectionAssert.AreEqual(Encoding.UTF8.GetBytes("京A88731"), File.ReadAllBytes(target));
    }
}
