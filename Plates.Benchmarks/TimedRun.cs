using System.Diagnostics;
using System.Globalization;
using Plates.Cli.Evaluation;

namespace Plates.Benchmarks;

/// <summary>The times of a timed loop (milliseconds per item, sorted) and the figures the commands print from them.</summary>
public sealed class TimedRun
{
    private TimedRun(double[] sorted, double seconds)
    {
        Sorted = sorted;
        Seconds = seconds;
    }

    /// <summary>Each item's time, in milliseconds, smallest first.</summary>
    public IReadOnlyList<double> Sorted { get; }

    /// <summary>Wall time of the whole loop.</summary>
    public double Seconds { get; }

    public double Median => EvaluationSummary.Percentile(Sorted, 0.5);

    public double P95 => EvaluationSummary.Percentile(Sorted, 0.95);

    /// <summary>Times <paramref name="read"/> on every item, <paramref name="repeat"/> rounds over the list, on the calling thread.</summary>
    public static TimedRun Time<T>(IReadOnlyList<T> items, int repeat, Action<T> read)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(read);
        var times = new double[items.Count * repeat];
        var one = new Stopwatch();
        var total = Stopwatch.StartNew();
        int n = 0;
        for (int r = 0; r < repeat; r++)
        {
            foreach (var item in items)
            {
                one.Restart();
                read(item);
                times[n++] = one.Elapsed.TotalMilliseconds;
            }
        }
        double seconds = total.Elapsed.TotalSeconds;
        Array.Sort(times);
        return new TimedRun(times, seconds);
    }

    /// <summary>"median 4.1 ms, p95 …, mean …, min …, max …".</summary>
    public string Summary() => Sorted.Count == 0
        ? "nothing timed"
        : string.Create(CultureInfo.InvariantCulture,
            $"median {Median:F2} ms, p95 {P95:F2} ms, mean {Sorted.Average():F2} ms, min {Sorted[0]:F2} ms, max {Sorted[^1]:F2} ms");

    /// <summary>Items per second over the whole loop.</summary>
    public double Throughput => Sorted.Count / Seconds;
}
