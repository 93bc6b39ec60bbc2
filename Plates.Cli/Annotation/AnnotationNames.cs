using System.Security.Cryptography;
using System.Text;
using Plates.Cli.Inputs;

namespace Plates.Cli.Annotation;

/// <summary>
/// The file names of one run's annotated copies, all in one folder: <c>photo.jpg.annotated.jpg</c>; where inputs
/// share a file name (a/x.jpg and b/x.jpg), or a name would be too long, a short hash of the input's full path keeps
/// them apart (<c>x.jpg.3f9a0c12.annotated.jpg</c>), the same on every run; and no name is given twice in a run, so a
/// copy this run wrote is never overwritten by another.
/// </summary>
internal static class AnnotationNames
{
    /// <summary>
    /// The longest name, in UTF-8 bytes. Linux allows 255 in a name; the copy is written through a temporary file
    /// named after it (AtomicFile adds a dot, a random part and ".tmp", 17 bytes today), which must fit too.
    /// </summary>
    public const int MaxNameBytes = 200;

    private const int HashCharacters = 8;

    /// <summary>One name per image, in the images' order.</summary>
    public static string[] For(IReadOnlyList<InputImage> images)
    {
        var shared = images.GroupBy(i => i.FileName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var given = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new string[images.Count];
        for (int i = 0; i < images.Count; i++)
        {
            var image = images[i];
            string plain = image.FileName + PlateAnnotator.FileSuffix;
            string name = shared.Contains(image.FileName) || Encoding.UTF8.GetByteCount(plain) > MaxNameBytes ? Hashed(image, "") : plain;
            // The same file given twice, or a hashed name equal to another file's own: numbered on.
            for (int n = 2; !given.Add(name); n++) name = Hashed(image, $"-{n}");
            names[i] = name;
        }
        return names;
    }

    private static string Hashed(InputImage image, string counter)
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(image.Identity))[..HashCharacters];
        string end = $".{hash}{counter}{PlateAnnotator.FileSuffix}";
        return FileNames.Truncate(image.FileName, MaxNameBytes - Encoding.UTF8.GetByteCount(end)) + end;
    }
}
