using System.Diagnostics;
using System.Globalization;
using OpenCvSharp;
using Plates.Consume.Imaging;
using Plates.Consume.Recognition;
using Plates.Model.Data;

namespace Plates.Cli.Evaluation;

/// <summary>Runs the recogniser over a folder of images named for their plate and scores every image.</summary>
public static class RecognitionEvaluator
{
    /// <summary>
    /// Scenes: whole photos, located then read. When the folder has a GroundTruth.xml, a photo's plate counts only
    /// where the file tags it (<see cref="Score"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">The folder's GroundTruth.xml is malformed (the message names it), or the folder holds no images.</exception>
    public static EvaluationSummary EvaluateScenes(PlateRecogniser recogniser, string folder, Action<int, int>? progress = null)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Folder not found: {folder}");
        return EvaluateScenes(recogniser, folder, SceneGroundTruth.LoadIfPresent(folder), progress);
    }

    /// <summary>Scenes checked against the given ground truth (null: by the closest text alone).</summary>
    public static EvaluationSummary EvaluateScenes(PlateRecogniser recogniser, string folder, SceneGroundTruth? groundTruth, Action<int, int>? progress = null) =>
        Evaluate(EvaluationSummary.ScenesKind, folder, groundTruth, progress, path =>
        {
            var result = recogniser.Recognise(path);
            return (result.Plates, result.TotalMs);
        });

    /// <summary>Crops: images that are already a plate; localisation is skipped, so there is no place to check.</summary>
    /// <param name="heldOutOnly">
    /// Score only the crops <see cref="HeldOutSplit.IsHeldOut"/> keeps out of training (<c>train harvest</c> never cuts
    /// them), so that a recogniser trained on the folder's other crops is scored on crops it did not learn from.
    /// </param>
    public static EvaluationSummary EvaluateCrops(PlateRecogniser recogniser, string folder, Action<int, int>? progress = null, bool heldOutOnly = false) =>
        Evaluate(EvaluationSummary.CropsKind, folder, null, progress, path =>
        {
            var stopwatch = Stopwatch.StartNew();
            using Mat crop = PhotoLoader.Load(path, recogniser.Options.MaxPixels);
            var plate = recogniser.RecognisePlateImage(crop);
            return (plate is null ? [] : [plate], stopwatch.Elapsed.TotalMilliseconds);
        }, heldOutOnly);

    /// <summary>
    /// Scores one image. With its tagged plates, the plate scored is the returned one on the box tagged for
    /// <paramref name="truth"/> (<see cref="PlateMatching.Matches"/>; the best overlap when several are), whatever
    /// it reads, and every returned plate on no tagged box is a false detection. Without them (null), the plate scored
    /// is the one whose text is closest to <paramref name="truth"/>, wherever it is.
    /// </summary>
    public static PhotoOutcome Score(string file, string truth, IReadOnlyList<RecognisedPlate> plates, IReadOnlyList<TaggedPlate>? tagged, double milliseconds)
    {
        RecognisedPlate? scored;
        IReadOnlyList<RecognisedPlate>? falseDetections = null;
        MissStage? nothingScored = MissStage.NotFound;
        if (tagged is { Count: > 0 })
        {
            var named = SceneGroundTruth.NamedPlate(tagged, truth);
            // Chosen by place, never by text: picking the best reading among several boxes would flatter the figures.
            scored = plates.Where(p => PlateMatching.Matches(p.Box, named.Box))
                .OrderByDescending(p => PlateMatching.IoU(p.Box, named.Box)).ThenByDescending(p => p.Confidence).FirstOrDefault();
            falseDetections = plates.Where(p => !tagged.Any(t => PlateMatching.Matches(p.Box, t.Box))).ToArray();
            if (plates.Count > 0) nothingScored = MissStage.WrongPlace;
        }
        else
        {
            scored = plates.OrderBy(p => PlateText.Errors(truth, p.Text)).ThenByDescending(p => p.Confidence).FirstOrDefault();
        }

        int errors = scored is null ? truth.Length : PlateText.Errors(truth, scored.Text);
        MissStage? miss = scored is null ? nothingScored
            : errors == 0 ? null
            : errors <= 2 ? MissStage.ReadWrong
            : MissStage.CutWrong;
        var matching = tagged is { Count: > 0 } ? PlateMatchingRule.GroundTruthBox : PlateMatchingRule.ClosestText;
        return new PhotoOutcome(file, truth, matching, scored?.Text, scored?.Confidence, errors, plates.Count,
            falseDetections?.Count, falseDetections?.Select(p => p.Text).ToArray() ?? [], milliseconds, miss, null)
        {
            ReadKind = scored?.Kind,
        };
    }

    /// <summary>What <see cref="EvaluationSummary.Subset"/> says of a held-out evaluation.</summary>
    public static string HeldOutSubset(int heldOut, int all) =>
        string.Create(CultureInfo.InvariantCulture,
            $"held out only: {heldOut} of the folder's {all} images, those HeldOutSplit keeps out of training (decided by the file name: FNV-1a hash, {HeldOutSplit.Share:P0}; `train harvest` never cuts them), so a model trained on the harvest of the other {all - heldOut} is scored on crops it did not learn from");

    private static EvaluationSummary Evaluate(string kind, string folder, SceneGroundTruth? groundTruth, Action<int, int>? progress,
        Func<string, (IReadOnlyList<RecognisedPlate> Plates, double Ms)> recognise, bool heldOutOnly = false)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Folder not found: {folder}");
        var all = ImageFileTypes.InFolder(folder);
        if (all.Count == 0)
            throw new InvalidDataException($"{folder}: no image files ({string.Join(", ", ImageFileTypes.Extensions)}) to evaluate.");
        var files = heldOutOnly ? all.Where(HeldOutSplit.IsHeldOut).ToArray() : all;
        if (files.Count == 0)
            throw new InvalidDataException($"{folder}: none of its {all.Count} image files is held out of training ({nameof(HeldOutSplit)}), so --held-out leaves nothing to evaluate.");
        var outcomes = new List<PhotoOutcome>(files.Count);
        foreach (string file in files)
        {
            string truth = PlateText.TruthFromFileName(file);
            IReadOnlyList<TaggedPlate>? tagged = groundTruth is not null && groundTruth.TryGetPlates(file, out var t) ? t : null;
            var matching = tagged is null ? PlateMatchingRule.ClosestText : PlateMatchingRule.GroundTruthBox;
            try
            {
                var (plates, ms) = recognise(file);
                outcomes.Add(Score(Path.GetFileName(file), truth, plates, tagged, ms));
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or IOException or UnauthorizedAccessException or OpenCvSharp.OpenCVException)
            {
                outcomes.Add(new PhotoOutcome(Path.GetFileName(file), truth, matching, null, null, truth.Length, 0, null, [], 0, MissStage.Error, e.Message));
            }
            progress?.Invoke(outcomes.Count, files.Count);
        }
        var summary = EvaluationSummary.From(kind, Path.GetFullPath(folder), groundTruth?.Path, outcomes);
        return heldOutOnly ? summary with { Subset = HeldOutSubset(files.Count, all.Count) } : summary;
    }
}
