namespace Plates.Benchmarks;

public static class Statistics
{
    public static string Verdict(bool met) => met ? "met" : "MISSED";
}
