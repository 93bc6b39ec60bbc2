using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using OpenCvSharp;
using Plates.Consume.Recognition;
using Plates.Model.Features;

namespace Plates.Benchmarks;

/// <summary>One character read by a loaded model, the unit every plate pays seven times.</summary>
// Ten short iterations keep the whole run near a minute; the spread they give is enough to tell 0.1 ms from 0.25 ms.
[SimpleJob(RunStrategy.Throughput, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
[MedianColumn]
public class CharacterBenchmarks
{
    public static IReadOnlyList<string> Models { get; } = ["province", "city", "alnum"];

    private CharacterClassifier? _classifier;
    private byte[] _crop = [];

    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _classifier = new CharacterClassifier(ModelPath(RepoPaths.Models(), Model));
        _crop = ReadCrop(CropPath(Model));
    }

    [Benchmark]
    public CharacterPrediction Classify() => _classifier!.Classify(_crop);

    [GlobalCleanup]
    public void Cleanup() => _classifier?.Dispose();

    public static string ModelPath(string modelsFolder, string model) => Path.Combine(modelsFolder, model switch
    {
        "province" => PlateReader.ProvinceModelFile,
        "city" => PlateReader.CityModelFile,
        "alnum" => PlateReader.AlnumModelFile,
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Expected province, city or alnum."),
    });

    /// <summary>The first image of the first class in ../shared/datasets/chars/&lt;model&gt;, so every run times the same crop.</summary>
    /// <exception cref="DirectoryNotFoundException">The data folder is missing or holds no crop.</exception>
    public static string CropPath(string model)
    {
        string folder = RepoPaths.Dataset(Path.Combine("chars", model));
        string? crop = Directory.GetDirectories(folder).Order(StringComparer.Ordinal)
            .SelectMany(label => Directory.GetFiles(label, "*.jpg").Order(StringComparer.Ordinal))
            .FirstOrDefault();
        return crop ?? throw new DirectoryNotFoundException($"No .jpg crop in any class folder of {folder}");
    }

    /// <exception cref="InvalidDataException">The file is not a 20×20 image.</exception>
    public static byte[] ReadCrop(string path)
    {
        using Mat grey = Cv2.ImRead(path, ImreadModes.Grayscale);
        if (grey.Empty()) throw new InvalidDataException($"{path}: not a readable image.");
        if (grey.Width != CharacterFeatures.Side || grey.Height != CharacterFeatures.Side)
            throw new InvalidDataException($"{path}: {grey.Width}×{grey.Height}, expected {CharacterFeatures.Side}×{CharacterFeatures.Side}.");
        if (!grey.GetArray(out byte[] pixels))
            throw new InvalidDataException($"{path}: pixels could not be copied out of the decoded image.");
        return pixels;
    }
}
