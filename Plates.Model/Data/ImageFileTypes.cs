namespace Plates.Model.Data;

/// <summary>The file extensions taken for images when a folder is read, for training and for recognition alike.</summary>
public static class ImageFileTypes
{
    public static IReadOnlySet<string> Extensions { get; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".bmp", ".pgm", ".tif", ".tiff", ".webp" };

    public static bool IsImage(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>The image files directly in <paramref name="folder"/>, by <see cref="Extensions"/>, in ordinal order of their paths.</summary>
    public static IReadOnlyList<string> InFolder(string folder) =>
        Directory.GetFiles(folder).Where(IsImage).OrderBy(f => f, StringComparer.Ordinal).ToArray();
}
