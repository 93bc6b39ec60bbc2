using System.Text;
using System.Text.RegularExpressions;

namespace Plates.Model.IO;

/// <summary>
/// Writes a file so that its path holds either the old content or the complete new one, never a half-written file:
/// the content goes to a temporary file beside the target, is flushed to disk, and is then renamed over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// How much of the target's name its temporary name keeps: 64 bytes name the target plainly, and with the dot, the
    /// 12-character random part and ".tmp" the temporary name stays at 82 bytes or fewer.
    /// </summary>
    public const int TemporaryPrefixBytes = 64;

    /// <summary>
    /// A temporary file older than this is taken to be left by a run that was killed: a staged file lives from its
    /// flush to its rename, which for a model is the few seconds its report takes to render and write.
    /// </summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    // Path.GetRandomFileName is 8 + 3 characters of a–z and 0–5.
    private static readonly Regex s_temporaryName =
        new(@"^.+\.[a-z0-5]{8}\.[a-z0-5]{3}\.tmp$", RegexOptions.CultureInvariant);

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
            // Last first: the first file's folder, if this write created it, is empty only once the others are gone.
            for (int i = staged.Count - 1; i >= 0; i--) staged[i].Dispose();
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
        var created = CreateFolder(folder);
        // Beside the target because a rename is atomic only within one file system; random so that two writers of one
        // path, in one process or two, never share a temporary file (CreateNew refuses one that exists).
        string temporary = Path.Combine(folder, TemporaryName(Path.GetFileName(full)));
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
            return new StagedFile(full, temporary, created);
        }
        catch
        {
            TryDelete(temporary);
            TryDeleteEmpty(created);
            throw;
        }
    }

    /// <summary>
    /// The temporary name for a target called <paramref name="fileName"/>: <c>.&lt;start of the name&gt;.&lt;random&gt;.tmp</c>.
    /// The name's start is cut to at most <see cref="TemporaryPrefixBytes"/> bytes of UTF-8 (on a character boundary), so
    /// the temporary name stays under the 255-byte limit of ext4, XFS, Btrfs and tmpfs however long the target's name is;
    /// the leading dot keeps it out of ordinary listings and globs.
    /// </summary>
    public static string TemporaryName(string fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        int length = 0, bytes = 0;
        foreach (var rune in fileName.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > TemporaryPrefixBytes) break;
            bytes += rune.Utf8SequenceLength;
            length += rune.Utf16SequenceLength;
        }
        return $".{fileName[..length]}.{Path.GetRandomFileName()}.tmp";
    }

    /// <summary>
    /// Deletes the temporary files that writers killed before their rename left in <paramref name="folder"/>: only files
    /// named as <see cref="Stage"/> names them (this version's <c>.name.random.tmp</c> and the older
    /// <c>name.random.tmp</c>) and last written more than <see cref="StaleAfter"/> ago, so a write still in progress is
    /// left alone. A missing or unlistable folder and files that cannot be deleted are passed over.
    /// </summary>
    /// <returns>The files deleted.</returns>
    public static IReadOnlyList<string> RemoveStaleTemporaries(string folder)
    {
        var removed = new List<string>();
        string[] files;
        try
        {
            if (!Directory.Exists(folder)) return removed;
            files = Directory.GetFiles(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return removed;
        }
        DateTime cutoff = DateTime.UtcNow - StaleAfter;
        foreach (string file in files)
        {
            if (!IsTemporaryName(Path.GetFileName(file))) continue;
            try
            {
                if (File.GetLastWriteTimeUtc(file) >= cutoff) continue;
                File.Delete(file);
                removed.Add(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return removed;
    }

    /// <summary>True for a name <see cref="TemporaryName"/> gives, or the older <c>target.random.tmp</c> form.</summary>
    public static bool IsTemporaryName(string fileName) => s_temporaryName.IsMatch(fileName);

    /// <summary>Creates <paramref name="folder"/> and any missing parents; returns the ones it created, deepest first.</summary>
    private static IReadOnlyList<string> CreateFolder(string folder)
    {
        var missing = new List<string>();
        for (var dir = new DirectoryInfo(folder); dir is not null && !dir.Exists; dir = dir.Parent) missing.Add(dir.FullName);
        Directory.CreateDirectory(folder);
        return missing;
    }

    /// <summary>Removes folders a failed write created, deepest first, as long as they are empty.</summary>
    internal static void TryDeleteEmpty(IReadOnlyList<string> folders)
    {
        foreach (string folder in folders)
        {
            try
            {
                if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
                else return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return;
            }
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
