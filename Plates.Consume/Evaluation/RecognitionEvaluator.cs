using System.Diagnostics;
using OpenCvSharp;
using Plates.Consume.Imaging;
using Plates.Consume.Recognition;
using Plates.Model.Data;

namespace Plates.Consume.Evaluation;

/// <summary>Runs the recogniser over a folder of images named for their plate and scores every image.</summary>
public static class RecognitionEvaluator
{
    public static IReadOnlyList<string> ImageFiles(string folder) =>
        Directory.GetFiles(folder).Where(ImageFileTypes.IsImage).OrderBy(f => f, StringComparer.Ordinal).ToArray();

    /// <summary>Scenes: whole photos, located then read.</summary>
    public static EvaluationSummary EvaluateScenes(PlateRecogniser recogniser, string folder, Action<int, int>? progress = null) =>
        Evaluate("scenes", folder, progress, path =>
        {
            var result = recogniser.Recognise(path);
            return (result.Plates, result.TotalMs);
        });

    /// <summary>Crops: images that are already a plate; localisation is skipped.</summary>
    public static EvaluationSummary EvaluateCrops(PlateRecogniser recogniser, string folder, Action<int, int>? progress = null) =>
        Evaluate("crops", folder, progress, path =>
        {
            var stopwatch = Stopwatch.StartNew();
            using Mat crop = PhotoLoader.Load(path, recogniser.Options.MaxPixels);
            var plate = recogniser.RecognisePlateImage(crop);
            return (plate is null ? [] : [plate], stopwatch.Elapsed.TotalMilliseconds);
        });

    private static EvaluationSummary Evaluate(string kind, string folder, Action<int, int>? progress,
        Func<string, (IReadOnlyList<RecognisedPlate> Plates, double Ms)> recognise)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Folder not found: {folder}");
        var files = ImageFiles(folder);
        if (files.Count == 0)
            throw new InvalidDataException($"{folder}: no image files ({string.Join(", ", ImageFileTypes.Extensions)}) to evaluate.");
        var outcomes = new List<PhotoOutcome>(files.Count);
        foreach (string file in files)
        {
            string truth = PlateText.TruthFromFileName(file);
            try
            {
                var (plates, ms) = recognise(file);
                var best = plates.Select(p => (Plate: p, Errors: PlateText.Errors(truth, p.Text))).OrderBy(p => p.Errors).ThenByDescending(p => p.Plate.Confidence).FirstOrDefault();
                MissStage? miss = best.Plate is null ? MissStage.NotFound
                    : best.Errors == 0 ? null
                    : best.Errors <= 2 ? MissStage.ReadWrong
                    : MissStage.CutWrong;
                outcomes.Add(new PhotoOutcome(Path.GetFileName(file), truth, best.Plate?.Text, best.Plate?.Confidence,
                    best.Plate is null ? truth.Length : best.Errors, plates.Count, ms, miss, null));
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or IOException or UnauthorizedAccessException or OpenCvSharp.OpenCVException)
            {
                outcomes.Add(new PhotoOutcome(Path.GetFileName(file), truth, null, null, truth.Length, 0, 0, MissStage.Error, e.Message));
            }
            progress?.Invoke(outcomes.Count, files.Count);
        }
        return EvaluationSummary.From(kind, Path.GetFullPath(folder), outcomes);
    }
}
