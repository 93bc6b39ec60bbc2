using System.Globalization;
using OpenCvSharp;
using Plates.Model.Data;
using Plates.Model.IO;
using Plates.Model.Labels;
using Plates.Train.Reports;

namespace Plates.Train.Data;

/// <summary>
/// Reads per-class image folders (folder name = label). Bad files and folders are skipped and listed, never fatal on
/// their own; the caller decides whether what is left can make a sound model.
/// </summary>
public static class CharacterFolderReader
{
    /// <summary>Reads every class folder under <paramref name="folder"/>.</summary>
    /// <param name="progress">Called after each file with (files done, files in all).</param>
    /// <param name="options">Size limits and which folders to read; default <see cref="CharacterReadingOptions"/>.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder itself cannot be listed (a class folder that cannot be is skipped and listed).</exception>
    public static CharacterDataset Read(string folder, LabelSet labels, Action<int, int>? progress = null, CharacterReadingOptions? options = null) =>
        Read(DataSources.Single(folder), labels, progress, options);

    /// <summary>
    /// Reads every class folder of every source and merges them: a class is every image filed under its label in any
    /// source, each image tagged with its source (<see cref="LabelledImage.Source"/>, <see cref="LabelledImage.Weight"/>).
    /// A class needs 2 usable images over all sources.
    /// </summary>
    /// <inheritdoc cref="Read(string, LabelSet, Action{int, int}?, CharacterReadingOptions?)"/>
    public static CharacterDataset Read(DataSources sources, LabelSet labels, Action<int, int>? progress = null, CharacterReadingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        foreach (var source in sources.All)
            if (!Directory.Exists(source.Folder))
                throw new DirectoryNotFoundException($"Data folder not found: {source.Folder}");
        options ??= new CharacterReadingOptions();

        var images = new List<LabelledImage>();
        var skipped = new List<SkippedFile>();
        var warnings = new List<string>();
        var files = new List<(string Label, string Path, int Source)>();
        for (int s = 0; s < sources.Count; s++)
            files.AddRange(ListClassFiles(sources[s].Folder, labels, options, skipped, warnings).Select(f => (f.Label, f.Path, s)));

        int done = 0;
        foreach (var (label, path, source) in files)
        {
            string? problem = Check(path, options, out byte[] bytes);
            if (problem is null) images.Add(new LabelledImage(path, label, bytes) { Source = source, Weight = sources[source].Weight });
            else skipped.Add(new SkippedFile(path, problem));
            progress?.Invoke(++done, files.Count);
        }

        var tooFew = new List<LabelledImage>();
        foreach (var group in images.GroupBy(i => i.Label).Where(g => g.Count() < 2).ToArray())
        {
            var image = group.Single();
            tooFew.Add(image);
            warnings.Add($"{Path.Combine(sources[image.Source].Folder, group.Key)}: class '{group.Key}' has only 1 usable image{(sources.Count > 1 ? " in all sources" : "")}; at least 2 are needed to train and test it, so it is left out.");
            images.Remove(image);
            skipped.Add(new SkippedFile(image.Path, $"class '{group.Key}' has fewer than 2 usable images"));
        }

        return new CharacterDataset(sources.Folders, images, skipped, warnings) { Sources = sources, TooFew = tooFew };
    }

    /// <summary>The files of one folder's class folders, with the label of each; what cannot be used is skipped and listed.</summary>
    private static List<(string Label, string Path)> ListClassFiles(string folder, LabelSet labels, CharacterReadingOptions options, List<SkippedFile> skipped, List<string> warnings)
    {
        var classFolders = Directory.GetDirectories(folder).OrderBy(d => d, StringComparer.Ordinal).ToArray();
        var files = new List<(string Label, string Path)>();
        foreach (string classFolder in classFolders)
        {
            string label = Path.GetFileName(classFolder);
            string[] classFiles;
            try
            {
                classFiles = Directory.GetFiles(classFolder).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                warnings.Add($"{classFolder}: class folder cannot be listed ({e.Message}); its images are skipped.");
                skipped.Add(new SkippedFile(classFolder, $"class folder cannot be listed: {e.Message}"));
                continue;
            }
            if (!labels.Contains(label) && !options.ReadFoldersOutsideLabelSet)
            {
                // A label of another model (学 in province/) is most likely a folder put under the wrong model.
                string elsewhere = LabelSets.All.FirstOrDefault(s => s != labels && s.Contains(label)) is { } owner
                    ? $" (it is a class of the {owner.Name} model: put it under {owner.Name}/)" : "";
                warnings.Add($"{classFolder}: folder name '{label}' is not a {labels.Name} label{elsewhere}; its {classFiles.Length} file(s) are skipped.");
                skipped.AddRange(classFiles.Select(f => new SkippedFile(f, $"folder '{label}' is not a {labels.Name} label")));
                continue;
            }
            if (classFiles.Length == 0)
            {
                warnings.Add($"{classFolder}: class folder is empty.");
                continue;
            }
            files.AddRange(classFiles.Select(f => (label, f)));
        }
        foreach (string loose in Directory.GetFiles(folder).OrderBy(f => f, StringComparer.Ordinal))
            skipped.Add(new SkippedFile(loose, "file is not inside a class folder"));
        return files;
    }

    /// <summary>Returns why a file cannot be used, or null when it decodes as an image within the limits.</summary>
    private static string? Check(string path, CharacterReadingOptions options, out byte[] bytes)
    {
        bytes = [];
        if (!ImageFileTypes.IsImage(path))
            return $"not an image file (extension '{Path.GetExtension(path)}')";
        try
        {
            long length = new FileInfo(path).Length;
            if (length > options.MaxFileBytes)
                return string.Create(CultureInfo.InvariantCulture,
                    $"file is {length:N0} bytes, more than a character image of at most {options.MaxPixels:N0} pixels takes ({options.MaxFileBytes:N0} bytes)");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read: {e.Message}";
        }
        if (bytes.Length == 0)
            return "file is empty (0 bytes)";
        // The header gives the size before any pixel memory is committed (a PNG can declare 100000×100000 in 60 bytes).
        if (ImageHeader.TryReadSize(bytes, out int headerWidth, out int headerHeight) && TooLarge(headerWidth, headerHeight, options) is { } declared)
            return declared + " (from its header; not decoded)";
        try
        {
            using Mat decoded = Cv2.ImDecode(bytes, ImreadModes.Grayscale);
            if (decoded.Empty())
                return "not a decodable image (corrupt, truncated or another format)";
            return TooLarge(decoded.Width, decoded.Height, options);
        }
        catch (OpenCVException e)
        {
            return $"not a decodable image: OpenCV refused it ({e.Message})";
        }
    }

    private static string? TooLarge(int width, int height, CharacterReadingOptions options) =>
        (long)width * height > options.MaxPixels
            ? string.Create(CultureInfo.InvariantCulture, $"image is {width}×{height} pixels, too large for a character crop (at most {options.MaxPixels:N0} pixels)")
            : null;
}
