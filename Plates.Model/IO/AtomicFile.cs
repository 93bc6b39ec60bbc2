using System.Text;

namespace Plates.Model.IO;

/// <summary>
/// Writes a file so that its path holds either the old content or the complete new one, never a half-written file:
/// the content goes to a temporary file beside the target, is flushed to disk, and is then renamed over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/>. When <paramref name="write"/> or
    /// <paramref name="beforeReplacing"/> throws, the exception propagates, the old file (if any) is left as it was and
    /// the temporary file is deleted.
    /// </summary>
    /// <param name="write">Writes the content; the stream is closed afterwards, so it may be left open.</param>
    /// <param name="beforeReplacing">Runs once the new content is complete on disk and before it replaces the old (given the temporary file, for its length, say).</param>
    public static void Write(string path, Action<Stream> write, Action<FileInfo>? beforeReplacing = null)
    {
        using var staged = Stage(path, write);
        beforeReplacing?.Invoke(new FileInfo(staged.TemporaryPath));
        staged.Commit();
    }

    /// <summary>
    /// Writes several files so that none is replaced before every one is complete on disk: when any writer throws, the
    /// exception propagates, every old file is left as it was and every temporary file is deleted.
    /// </summary>
    /// <remarks>
    /// The set is not replaced in one step: the renames that follow are one per file, in the order given, so a failure
    /// or crash among them (after all the content is safely written) can leave the first files new and the rest old.
    /// </remarks>
    public static void WriteAll(IReadOnlyList<(string Path, Action<Stream> Write)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var staged = new List<StagedFile>(files.Count);
        try
        {
            foreach (var (path, write) in files) staged.Add(Stage(path, write));
            foreach (var file in staged) file.Commit();
        }
        finally
        {
            foreach (var file in staged) file.Dispose();
        }
    }

    /// <summary>
    /// Writes the new content of <paramref name="path"/> to a temporary file beside it and flushes it to disk, leaving
    /// the target as it is until <see cref="StagedFile.Commit"/>; disposing an uncommitted file deletes the temporary
    /// one. When <paramref name="write"/> throws, the exception propagates and nothing is left behind.
    /// </summary>
    /// <param name="write">Writes the content; the stream is closed afterwards, so it may be left open.</param>
    public static StagedFile Stage(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        // Beside the target because a rename is atomic only within one file system; random so that two writers of one
        // path, in one process or two, never share a temporary file (CreateNew refuses one that exists).
        string temporary = Path.Combine(folder, $"{Path.GetFileName(full)}.{Path.GetRandomFileName()}.tmp");
        try
        {
            bool flushed = false;
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                // To the disk, not only to the OS: after a crash the renamed file must not point at unwritten blocks.
                if (stream.CanWrite)
                {
                    stream.Flush(flushToDisk: true);
                    flushed = true;
                }
            }
            // A writer that closed the stream itself has flushed it only to the OS.
            if (!flushed)
            {
                using var reopened = new FileStream(temporary, FileMode.Open, FileAccess.Write, FileShare.None);
                reopened.Flush(flushToDisk: true);
            }
            return new StagedFile(full, temporary);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark.</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        });

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        byte[] copy = bytes.ToArray();
        Write(path, stream => stream.Write(copy));
    }

    /// <summary>Deleting the temporary file must not hide the failure that left it behind.</summary>
    internal static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
