using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Plates.Consume.Recognition;

namespace Plates.Benchmarks;

/// <summary>
/// <c>soak</c>: a long batch watching memory. Mats live in native memory the GC does not see, so a Mat left undisposed
/// shows as working-set growth while the managed heap stays flat.
/// </summary>
public static class SoakCommand
{
    public const int SampleEvery = 100;
    public const double TargetPeakMb = 400;

    /// <summary>The first hundred photos fill caches and pools; growth is measured from the sample after them.</summary>
    public const int BaselinePhotos = 200;

    public const double AllowedGrowth = 0.10;

    public static Command Create()
    {
        var folder = SceneFolder.Option();
        var count = new Option<int>("--photos") { Description = "Photos to read, round-robin over the folder.", DefaultValueFactory = _ => 1000 };
        var command = new Command("soak",
            $"Reads photos round-robin, sampling working set and managed heap every {SampleEvery} photos (targets: peak < {TargetPeakMb} MB, working set at the end within {AllowedGrowth * 100:F0}% of photo {BaselinePhotos}).")
        {
            folder, count,
        };
        command.SetAction(parse =>
        {
            int photoCount = parse.GetValue(count);
            if (photoCount < BaselinePhotos + SampleEvery)
            {
                Console.Error.WriteLine($"error: --photos must be at least {BaselinePhotos + SampleEvery} so growth can be measured after photo {BaselinePhotos}.");
                return CommandErrors.BadInput;
            }
            return CommandErrors.Guard(() => Run(SceneFolder.Photos(parse.GetValue(folder)), RepoPaths.Models(), photoCount));
        });
        return command;
    }

    private static int Run(IReadOnlyList<string> photos, string models, int count)
    {
        using var process = Process.GetCurrentProcess();
        using var recogniser = new PlateRecogniser(models);
        var invariant = CultureInfo.InvariantCulture;
        var elapsed = Stopwatch.StartNew();
        double baselineMb = 0, lastMb = 0;
        int unreadable = 0;

        Console.WriteLine($"{photos.Count} photos in the folder, reading {count}");
        Console.WriteLine("  photos  seconds  working set MB  managed MB  GC heap MB");
        void Sample(int done)
        {
            // Process caches its figures until refreshed.
            process.Refresh();
            double workingMb = process.WorkingSet64 / 1048576.0;
            if (done == BaselinePhotos) baselineMb = workingMb;
            lastMb = workingMb;
            // GetTotalMemory(false) can read negative under the regions GC (dotnet/runtime#106712); the heap size at the
            // last collection beside it cannot.
            double managedMb = GC.GetTotalMemory(false) / 1048576.0;
            double heapMb = GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0;
            Console.WriteLine(string.Create(invariant, $"{done,8} {elapsed.Elapsed.TotalSeconds,8:F1} {workingMb,15:F1} {managedMb,11:F1} {heapMb,11:F1}"));
        }

        Sample(0);
        for (int done = 1; done <= count; done++)
        {
            try
            {
                recogniser.Recognise(photos[(done - 1) % photos.Count]);
            }
            catch (InvalidDataException)
            {
                unreadable++;
            }
            if (done % SampleEvery == 0 || done == count) Sample(done);
        }

        process.Refresh();
        double peakMb = process.PeakWorkingSet64 / 1048576.0;
        double growth = (lastMb - baselineMb) / baselineMb;
        if (unreadable > 0) Console.WriteLine($"unreadable reads: {unreadable}");
        Console.WriteLine(string.Create(invariant, $"peak working set: {peakMb:F1} MB (target < {TargetPeakMb} MB: {Statistics.Verdict(peakMb < TargetPeakMb)})"));
        Console.WriteLine(string.Create(invariant,
            $"growth: {baselineMb:F1} MB after photo {BaselinePhotos} → {lastMb:F1} MB after photo {count} = {growth:+0.0%;-0.0%} (within {AllowedGrowth * 100:F0}%: {Statistics.Verdict(Math.Abs(growth) <= AllowedGrowth)})"));
        // Scripts can rely on the exit code: 1 when a memory target is missed.
        return peakMb < TargetPeakMb && Math.Abs(growth) <= AllowedGrowth ? 0 : 1;
    }
}
