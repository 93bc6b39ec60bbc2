namespace Plates.Model.Data;

/// <summary>
/// The file extensions taken for images when a folder is read, for training and for recognition alike: every
/// extension of a format OpenCV's decoder reads here (JPEG, PNG, BMP, TIFF, WebP, GIF, PBM/PGM/PPM/PAM, PFM, JPEG 2000,
/// Radiance HDR, Sun raster), and the photo formats it does not read (HEIC/HEIF, AVIF, JPEG XL, OpenEXR), so that such
/// a file in a folder is reported as unreadable, as it is when named, rather than passed over in silence. Other files
/// in a folder (GroundTruth.xml, notes) are not images and are left out. A file named directly is read whatever its
/// extension: the decoder goes by its content.
/// </summary>
public static class ImageFileTypes
{
    public static IReadOnlySet<string> Extensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".bmp", ".dib", ".tif", ".tiff", ".webp", ".gif",
        ".pbm", ".pgm", ".ppm", ".pnm", ".pxm", ".pam", ".pfm", ".jp2", ".j2k", ".j2c", ".hdr", ".pic", ".sr", ".ras",
        ".heic", ".heif", ".avif", ".jxl", ".exr",
    };

    public static bool IsImage(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>The image files directly in <paramref name="folder"/>, by <see cref="Extensions"/>, in ordinal order of their paths.</summary>
    public static IReadOnlyList<string> InFolder(string folder) =>
        Directory.GetFiles(folder).Where(IsImage).OrderBy(f => f, StringComparer.Ordinal).ToArray();
}
