using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Plates.Consume.Recognition;

namespace Plates.Benchmarks;

/// <summary>
/// <c>scenes</c>: whole photos end to end (file read, decode, locate, deskew, segment, read) on one thread. A timed loop
/// rather than BenchmarkDotNet: a hundred photos of 20–40 ms each would take BenchmarkDotNet many minutes.
/// </summary>
public static class ScenesCommand
{
    public const double TargetMedianMs = 40;
    public const double TargetLoadMs = 1000;

    public static Command Create()
    {
        var folder = SceneFolder.Option();
        var repeat = new Option<int>("--repeat") { Description = "Times each photo is timed (after one warm-up read).", DefaultValueFactory = _ => 1 };
        var command = new Command("scenes",
            $"Times model loading (target ≤ {TargetLoadMs} ms) and each photo recognised end to end on one thread (target: median ≤ {TargetMedianMs} ms).")
        {
            folder, repeat,
        };
        // Model files are checked by loading them, inside Run, so that the load can be timed.
        command.SetAction(parse => CommandErrors.GuardRepeated(parse.GetValue(repeat),
            () => Run(SceneFolder.Photos(parse.GetValue(folder)), RepoPaths.Models(), parse.GetValue(repeat))));
        return command;
    }

    /// <summary>Each photo read end to end from its file, <paramref name="repeat"/> times, on the calling thread.</summary>
    public static TimedRun Time(PlateRecogniser recogniser, IReadOnlyList<string> photos, int repeat) =>
        TimedRun.Time(photos, repeat, path => recogniser.Recognise(path));

    /// <summary>
    /// One untimed pass: it pays JIT and cold file caches, once per process rather than per photo, and finds the
    /// unreadable files (reported on the error stream and left out).
    /// </summary>
    public static (IReadOnlyList<string> Readable, int Plates) WarmUp(PlateRecogniser recogniser, IReadOnlyList<string> photos)
    {
        var readable = new List<string>(photos.Count);
        int plates = 0;
        foreach (string photo in photos)
        {
            try
            {
                plates += recogniser.Recognise(photo).Plates.Count;
                readable.Add(photo);
            }
            catch (InvalidDataException e)
            {
                Console.Error.WriteLine($"skipped (unreadable): {e.Message}");
            }
        }
        return (readable, plates);
    }

    private static int Run(IReadOnlyList<string> photos, string models, int repeat)
    {
        var load = Stopwatch.StartNew();
        using var recogniser = new PlateRecogniser(models);
        double loadMs = load.Elapsed.TotalMilliseconds;

        var (readable, plates) = WarmUp(recogniser, photos);
        if (readable.Count == 0)
        {
            Console.Error.WriteLine("error: no photo could be read.");
            return 2;
        }

        var run = Time(recogniser, readable, repeat);
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(invariant, $"photos: {readable.Count} × {repeat} timed ({photos.Count - readable.Count} unreadable skipped), {plates} plates read in the warm-up pass"));
        Console.WriteLine(string.Create(invariant, $"model load: {loadMs:F0} ms (target ≤ {TargetLoadMs} ms: {Statistics.Verdict(loadMs <= TargetLoadMs)})"));
        Console.WriteLine($"per photo: {run.Summary()}");
        Console.WriteLine(string.Create(invariant, $"throughput: {run.Throughput:F1} photos/s on one thread"));
        Console.WriteLine(string.Create(invariant, $"target median ≤ {TargetMedianMs} ms: {Statistics.Verdict(run.Median <= TargetMedianMs)}"));
        return 0;
    }
}
