using OpenCvSharp;
using Plates.Cli.Evaluation;
using Plates.Consume.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Recognition;

/// <summary>
/// The shared real data seen from the test binaries (../shared/datasets beside the folder holding MlNetPlates.sln) and
/// the scenes the shipped models read exactly. Tests needing data that is absent end inconclusive.
/// </summary>
public static class RecognitionData
{
    /// <summary>
    /// Scenes the shipped models read exactly with one plate returned (evaluate --scenes: confidence ≥ 0.99), each with
    /// a single blue plate in GroundTruth.xml.
    /// </summary>
    public static readonly string[] ReadableScenes = ["苏BGG522", "粤TD1291", "黑A1R272"];

    /// <summary>A folder under the datasets (scenes, crops), or an inconclusive test.</summary>
    public static string RequireFolder(string name)
    {
        string? datasets = TestData.DatasetsIfPresent;
        if (datasets is null) Assert.Inconclusive("../shared/datasets was not found beside the repository.");
        string folder = Path.Combine(datasets, name);
        if (!Directory.Exists(folder)) Assert.Inconclusive($"Dataset folder not found: {folder}");
        return folder;
    }

    /// <summary>The scene photo named for <paramref name="plate"/> (any image extension), or an inconclusive test.</summary>
    public static string RequireScene(string plate)
    {
        string scenes = RequireFolder("scenes");
        string? file = Directory.GetFiles(scenes).FirstOrDefault(f => Path.GetFileNameWithoutExtension(f) == plate && !f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase));
        if (file is null) Assert.Inconclusive($"{plate} is not in {scenes}.");
        return file;
    }

    /// <summary>The scenes' photos in name order, at most <paramref name="count"/>.</summary>
    public static string[] Scenes(int count)
    {
        string scenes = RequireFolder("scenes");
        return Plates.Model.Data.ImageFileTypes.InFolder(scenes).Take(count).ToArray();
    }

    /// <summary>The hand-tagged box of a scene's plate from GroundTruth.xml, or an inconclusive test.</summary>
    public static RotatedRect RequireGroundTruthBox(string plate)
    {
        string xml = Path.Combine(RequireFolder("scenes"), SceneGroundTruth.FileName);
        if (!File.Exists(xml)) Assert.Inconclusive($"{xml} not found.");
        if (!SceneGroundTruth.Load(xml).TryGetPlates(plate, out var tagged)) Assert.Inconclusive($"{plate} is not tagged in {xml}.");
        return tagged[0].Box;
    }

    /// <summary>A short, order-independent description of a result's plates: text, exact confidence (round-trip), colour, centre.</summary>
    public static string Describe(RecognitionResult result) =>
        string.Join(" | ", result.Plates.Select(p => $"{p.Text} {p.Confidence:R} {p.Color} ({p.Box.Center.X:F1},{p.Box.Center.Y:F1})").Order(StringComparer.Ordinal));

    public static bool Contains(RotatedRect box, Point2f point) => Cv2.PointPolygonTest(box.Points(), point, measureDist: false) >= 0;
}
