namespace Plates.Benchmarks;

public static class Statistics
{
    /// <summary>Percentile p (0–100) of sorted values, interpolated between the two nearest ranks.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) throw new ArgumentException("No values.", nameof(sorted));
        double rank = p / 100 * (sorted.Count - 1);
        int below = (int)Math.Floor(rank);
        int above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
    }

    public static string Verdict(bool met) => met ? "met" : "MISSED";
}
