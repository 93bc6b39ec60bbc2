using System.Text;
using Plates.Cli.Annotation;
using Plates.Cli.Interop;
using Plates.Model.Data;

namespace Plates.Cli.Inputs;

/// <summary>A folder given or found that gave no images: it could not be listed, or held none.</summary>
internal sealed record FolderProblem(string Folder, string Message, bool Unlistable);

/// <summary>
/// The images the command line's arguments stand for: files as named (whatever their extension: the decoder decides
/// by content), <c>-</c> for standard input, and for each folder the files in it whose extension is one of
/// <see cref="ImageFileTypes.Extensions"/>, except the command's own annotated copies (<see cref="PlateAnnotator.IsAnnotatedCopy"/>).
/// With <c>recursive</c> the folders' subfolders too (links to folders are not followed, so a loop cannot be). A
/// folder that cannot be listed, or holds no images, is a <see cref="FolderProblem"/>; the rest are listed all the same.
/// </summary>
internal sealed class InputListing
{
    public List<InputImage> Images { get; } = [];
    public List<FolderProblem> Problems { get; } = [];

    /// <summary>Files in the folders that were not taken: other extensions, annotated copies.</summary>
    public int Skipped { get; private set; }

    public static InputListing Expand(IEnumerable<string> arguments, bool recursive)
    {
        var listing = new InputListing();
        foreach (string argument in arguments)
        {
            if (argument == InputImage.StandardInputArgument) listing.Images.Add(InputImage.StandardInput);
            else if (Directory.Exists(argument)) listing.AddFolder(argument, recursive);
            else listing.Images.Add(new InputImage(argument));
        }
        return listing;
    }

    private void AddFolder(string folder, bool recursive)
    {
        int before = Images.Count;
        List(folder, Encoding.UTF8.GetBytes(folder), recursive);
        if (Images.Count == before && !Problems.Any(p => p.Unlistable && p.Folder == folder))
            Problems.Add(new FolderProblem(folder, recursive
                ? "no image files in this folder or its subfolders."
                : "no image files in this folder.", Unlistable: false));
    }

    private void List(string folder, byte[] rawFolder, bool recursive)
    {
        List<Entry> entries;
        try
        {
            entries = Posix.IsAvailable ? RawEntries(rawFolder) : ManagedEntries(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Problems.Add(new FolderProblem(folder, $"cannot be listed: {e.Message}", Unlistable: true));
            return;
        }
        foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            string path = Path.Combine(folder, entry.Name);
            byte[]? raw = entry.RawName is null ? null : FileNames.Join(rawFolder, entry.RawName);
            if (entry.IsDirectory)
            {
                if (recursive) List(path, raw ?? Encoding.UTF8.GetBytes(path), recursive);
                continue;
            }
            if (!ImageFileTypes.IsImage(entry.Name) || PlateAnnotator.IsAnnotatedCopy(entry.Name))
            {
                Skipped++;
                continue;
            }
            Images.Add(new InputImage(path, entry.Valid ? null : raw, Problem: entry.Problem));
        }
    }

    /// <summary>One folder entry: its printed name, its bytes, whether they are valid UTF-8, and whether it is a folder to descend into.</summary>
    private sealed record Entry(string Name, byte[]? RawName, bool Valid, bool IsDirectory, string? Problem = null);

    private static List<Entry> RawEntries(byte[] folder)
    {
        var entries = new List<Entry>();
        foreach (var (name, type) in Posix.ReadDirectory(folder))
        {
            string display = FileNames.Display(name, out bool valid);
            // Only real folders are descended into; a link to a folder is left alone (it could lead back up).
            bool directory = type == Posix.TypeDirectory || (type == Posix.TypeUnknown && Posix.IsDirectory(FileNames.Join(folder, name)));
            if (type == Posix.TypeLink && Posix.IsDirectory(FileNames.Join(folder, name))) continue;
            entries.Add(new Entry(display, name, valid, directory));
        }
        return entries;
    }

    /// <summary>Where the names' bytes cannot be had, a name .NET could not decode is reported rather than opened as another file.</summary>
    private static List<Entry> ManagedEntries(string folder) =>
        new DirectoryInfo(folder).EnumerateFileSystemInfos()
            .Where(info => info.LinkTarget is null || info is FileInfo)
            .Select(info => new Entry(info.Name, null, true, info is DirectoryInfo,
                info.Name.Contains('\uFFFD') ? "its name is not valid UTF-8, and this system gives no way to open it by its bytes." : null))
            .ToList();
}
