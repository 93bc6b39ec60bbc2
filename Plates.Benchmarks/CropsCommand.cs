using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using OpenCvSharp;
using Plates.Consume.Imaging;
using Plates.Consume.Recognition;
using Plates.Model.Data;
using Plates.Model.IO;

namespace Plates.Benchmarks;

/// <summary>
/// <c>crops</c>: <see cref="PlateRecogniser.RecognisePlateImage"/> on plate crops, one thread, the images decoded
/// beforehand (the target is the reading, not the JPEG decoder), then the scene photos end to end in the same process
/// (<see cref="ScenesCommand.Time"/>), so that "crops faster, photos no slower" is one run on one machine state.
/// </summary>
public static class CropsCommand
{
    public const double TargetMedianMs = 4;

    public static Command Create()
    {
        var folders = new Option<DirectoryInfo[]>("--folder")
        {
            Description = "Folder of plate crops; may be given more than once, each timed and reported on its own (default: ../shared/datasets/crops).",
            AllowMultipleArgumentsPerToken = false,
        };
        var repeat = new Option<int>("--repeat") { Description = "Times each crop (and each photo) is timed, after one untimed reading.", DefaultValueFactory = _ => 1 };
        var noScenes = new Option<bool>("--no-scenes") { Description = "Time the crops only, not the scene photos after them." };
        var sceneFolder = new Option<DirectoryInfo?>("--scenes") { Description = "Folder of scene photos timed after the crops (default: ../shared/datasets/scenes)." };
        var readings = new Option<FileInfo?>("--readings") { Description = "Write each crop's reading (file, text, confidence, kind) to this tab-separated file, to compare two builds' outputs." };
        var command = new Command("crops",
            $"Times PlateRecogniser.RecognisePlateImage on each plate crop on one thread (target: median ≤ {TargetMedianMs} ms), then the scene photos end to end in the same run.")
        {
            folders, repeat, noScenes, sceneFolder, readings,
        };
        command.SetAction(parse => CommandErrors.GuardRepeated(parse.GetValue(repeat), () =>
        {
            var chosen = parse.GetValue(folders) is { Length: > 0 } given
                ? given.Select(f => f.FullName).ToArray()
                : [RepoPaths.Dataset("crops")];
            var cropFolders = chosen.Select(f => (Folder: f, Files: CropFiles(f))).ToArray();
            var photos = parse.GetValue(noScenes) ? null : SceneFolder.Photos(parse.GetValue(sceneFolder));
            return Run(cropFolders, photos, RepoPaths.Models(), parse.GetValue(repeat), parse.GetValue(readings)?.FullName);
        }));
        return command;
    }

    /// <exception cref="DirectoryNotFoundException">The folder is missing or holds no images.</exception>
    private static IReadOnlyList<string> CropFiles(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Crop folder not found: {folder}");
        var files = ImageFileTypes.InFolder(folder);
        if (files.Count == 0) throw new DirectoryNotFoundException($"No images (.jpg, .png, …) in {folder}");
        return files;
    }

    private static int Run((string Folder, IReadOnlyList<string> Files)[] cropFolders, IReadOnlyList<string>? photos, string models, int repeat, string? readingsPath)
    {
        var invariant = CultureInfo.InvariantCulture;
        var load = Stopwatch.StartNew();
        using var recogniser = new PlateRecogniser(models);
        Console.WriteLine(string.Create(invariant, $"model load: {load.Elapsed.TotalMilliseconds:F0} ms ({models})"));

        var readings = new StringBuilder();
        bool allMet = true;
        var decoded = cropFolders.Select(f => (f.Folder, f.Files, Crops: Decode(f.Files, recogniser.Options.MaxPixels))).ToArray();
        try
        {
            // The untimed reading of every folder, before any is timed, pays JIT and pools the engines: the runtime
            // compiles hot code again, optimised, only once it has run a while (tiered compilation), and with one
            // folder of warm-up the first folder was timed partly on the unoptimised code (its median up to half as
            // high again as in the next run). Its readings are the ones written out.
            var read = new int[decoded.Length];
            for (int f = 0; f < decoded.Length; f++)
                foreach (var (name, crop) in decoded[f].Crops)
                {
                    var plate = recogniser.RecognisePlateImage(crop);
                    if (plate is not null) read[f]++;
                    readings.Append(string.Create(invariant,
                        $"{Path.GetFileName(decoded[f].Folder)}/{name}\t{plate?.Text ?? "-"}\t{plate?.Confidence ?? 0:F4}\t{plate?.Kind.ToString() ?? "-"}\t{(plate?.IsLowConfidence ?? false ? "unsure" : "sure")}\n"));
                }
            for (int f = 0; f < decoded.Length; f++)
            {
                var (folder, files, crops) = decoded[f];
                var run = TimedRun.Time(crops, repeat, c => recogniser.RecognisePlateImage(c.Crop));
                bool met = run.Median <= TargetMedianMs;
                allMet &= met;
                Console.WriteLine(string.Create(invariant, $"crops {folder}: {crops.Count} × {repeat} timed ({files.Count - crops.Count} unreadable skipped), {read[f]} read as plates"));
                Console.WriteLine($"  per crop: {run.Summary()}");
                Console.WriteLine(string.Create(invariant, $"  target median ≤ {TargetMedianMs} ms: {Statistics.Verdict(met)}"));
            }
        }
        finally
        {
            foreach (var folder in decoded)
                foreach (var (_, crop) in folder.Crops) crop.Dispose();
        }

        if (photos is not null)
        {
            var (readable, plates) = ScenesCommand.WarmUp(recogniser, photos);
            var run = ScenesCommand.Time(recogniser, readable, repeat);
            Console.WriteLine(string.Create(invariant, $"scenes: {readable.Count} × {repeat} timed, {plates} plates read in the warm-up pass"));
            Console.WriteLine($"  per photo: {run.Summary()}");
        }

        if (readingsPath is not null)
        {
            AtomicFile.Write(readingsPath, stream =>
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
                writer.Write(readings.ToString());
            });
            Console.WriteLine($"readings: {readingsPath}");
        }
        return allMet ? 0 : 1;
    }

    /// <summary>The crops decoded as the command line decodes them (<see cref="PhotoLoader.Load(string, long)"/>); unreadable ones reported and left out.</summary>
    private static List<(string Name, Mat Crop)> Decode(IReadOnlyList<string> files, long maxPixels)
    {
        var crops = new List<(string, Mat)>(files.Count);
        foreach (string file in files)
        {
            try
            {
                crops.Add((Path.GetFileName(file), PhotoLoader.Load(file, maxPixels)));
            }
            catch (InvalidDataException e)
            {
                Console.Error.WriteLine($"skipped (unreadable): {e.Message}");
            }
        }
        return crops;
    }
}
