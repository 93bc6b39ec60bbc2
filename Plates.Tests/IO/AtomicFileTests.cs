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

    /// <summary>
    /// Issue 9, case 11: the temporary name was the target's name plus 17 bytes, past the file system's 255-byte limit
    /// for a target of 239 bytes or more ("path too long"); it now keeps only the name's first bytes.
    /// </summary>
    [TestMethod]
    public void Write_TargetWithA240ByteName_IsWrittenThroughAShortTemporaryNameInTheSameFolder()
    {
        using var folder = new TempFolder();
        string name = string.Concat(Enumerable.Repeat("京", 78)) + "x.json";
        Assert.AreEqual(240, Encoding.UTF8.GetByteCount(name));
        string target = folder.Combine(name);
        string? temporary = null;

        AtomicFile.Write(target, stream => stream.Write("content"u8), staged => temporary = staged.FullName);

        Assert.AreEqual("content", File.ReadAllText(target));
        Assert.AreEqual(folder.Path, Path.GetDirectoryName(temporary), "beside the target, so the rename stays atomic");
        int temporaryBytes = Encoding.UTF8.GetByteCount(Path.GetFileName(temporary)!);
        Assert.IsLessThanOrEqualTo(255, temporaryBytes, Path.GetFileName(temporary));
        StringAssert.StartsWith(Path.GetFileName(temporary), "." + string.Concat(Enumerable.Repeat("京", 21)) + ".");
        Assert.IsTrue(AtomicFile.IsTemporaryName(Path.GetFileName(temporary)!));
        CollectionAssert.AreEqual(new[] { target }, Directory.GetFiles(folder.Path));
    }

    [TestMethod]
    public void RemoveStaleTemporaries_OnlyOldFilesNamedLikeOurs_AreDeleted()
    {
        using var folder = new TempFolder();
        string old = folder.Combine(AtomicFile.TemporaryName("city.zip")), legacy = folder.Combine("city.zip.abcdefgh.x01.tmp");
        string recent = folder.Combine(AtomicFile.TemporaryName("alnum.zip")), other = folder.Combine("city.zip.tmp"), model = folder.Combine("city.zip");
        foreach (string file in new[] { old, legacy, recent, other, model }) File.WriteAllText(file, "x");
        foreach (string file in new[] { old, legacy, other, model }) File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-1));

        var removed = AtomicFile.RemoveStaleTemporaries(folder.Path);

        CollectionAssert.AreEquivalent(new[] { old, legacy }, removed.ToArray());
        CollectionAssert.AreEquivalent(new[] { recent, other, model }, Directory.GetFiles(folder.Path));
    }
}
