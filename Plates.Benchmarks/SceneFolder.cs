using System.CommandLine;
using Plates.Model.Data;

namespace Plates.Benchmarks;

/// <summary>The photos the scene and soak runs read: --folder if given, else ../shared/datasets/scenes.</summary>
public static class SceneFolder
{
    /// <exception cref="DirectoryNotFoundException">The folder is missing or holds no images.</exception>
    public static IReadOnlyList<string> Photos(DirectoryInfo? folder)
    {
        string path = folder?.FullName ?? RepoPaths.Dataset("scenes");
        if (!Directory.Exists(path)) throw new DirectoryNotFoundException($"Photo folder not found: {path}");
        var photos = ImageFileTypes.InFolder(path);
        if (photos.Count == 0) throw new DirectoryNotFoundException($"No images (.jpg, .png, …) in {path}");
        return photos;
    }

    public static Option<DirectoryInfo?> Option() =>
        new("--folder") { Description = "Folder of photos (default: ../shared/datasets/scenes beside the repository)." };
}
