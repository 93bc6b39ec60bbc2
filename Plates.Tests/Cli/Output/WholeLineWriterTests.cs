using Plates.Cli.Output;

namespace Plates.Tests.Cli.Output;

/// <summary>Standard output is handed over whole lines at a time, and its failure stops with one clear exception.</summary>
[TestClass]
public sealed class WholeLineWriterTests
{
    [TestMethod]
    public void Write_PiecesOfLines_AreHandedOverOnlyAsWholeLines()
    {
        var chunks = new List<string>();
        using var writer = new WholeLineWriter(bytes => chunks.Add(System.Text.Encoding.UTF8.GetString(bytes)));

        writer.Write("{\"file\":");
        writer.Write('"');
        writer.Write("粤TD1291.jpg\"}");
        Assert.IsEmpty(chunks, "nothing before the line ends");
        writer.WriteLine();
        writer.Write("second\nthird, cut");
        writer.WriteLine(" here");

        CollectionAssert.AreEqual(new[] { "{\"file\":\"粤TD1291.jpg\"}\n", "second\n", "third, cut here\n" }, chunks);
    }

    [TestMethod]
    public void Flush_HandsOverTextAfterTheLastLineBreak()
    {
        var chunks = new List<string>();
        using var writer = new WholeLineWriter(bytes => chunks.Add(System.Text.Encoding.UTF8.GetString(bytes)));

        writer.Write("no line break");
        writer.Flush();

        CollectionAssert.AreEqual(new[] { "no line break" }, chunks);
    }

    [TestMethod]
    public void Write_SinkFails_ThrowsOutputFailedThenAndAfter()
    {
        using var writer = new WholeLineWriter(_ => throw new IOException("No space left on device"));

        var first = Assert.ThrowsExactly<OutputFailedException>(() => writer.WriteLine("a line"));
        Assert.ThrowsExactly<OutputFailedException>(() => writer.WriteLine("another"));

        Assert.AreEqual("standard output could not be written: No space left on device", first.Message);
    }

    [TestMethod]
    public void Write_ToDevFull_ThrowsOutputFailedNamingTheReason()
    {
        if (!File.Exists("/dev/full")) Assert.Inconclusive("No /dev/full on this system.");
        using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        using var writer = new WholeLineWriter(bytes =>
        {
            full.Write(bytes);
            full.Flush();
        });

        var e = Assert.ThrowsExactly<OutputFailedException>(() => writer.WriteLine("{}"));

        StringAssert.Contains(e.Message, "No space left on device");
    }
}
