namespace Plates.Consume.Imaging;

/// <summary>Counts of values and the levels a share of them lies below or above: the one home of the quantiles the stages take of a plate's pixels.</summary>
public static class Histogram
{
    /// <summary>How many of <paramref name="values"/> take each of the 256 byte values.</summary>
    public static long[] OfBytes(ReadOnlySpan<byte> values)
    {
        var counts = new long[256];
        foreach (byte value in values) counts[value]++;
        return counts;
    }

    /// <summary>
    /// The lowest level at or below which at least <paramref name="share"/> of the counted values lie (the level of
    /// the <paramref name="share"/> quantile); the last level when nothing was counted.
    /// </summary>
    public static int Quantile(ReadOnlySpan<long> counts, double share)
    {
        long total = 0;
        foreach (long count in counts) total += count;
        long below = 0;
        for (int level = 0; level < counts.Length; level++)
        {
            below += counts[level];
            if (total > 0 && below >= share * total) return level;
        }
        return counts.Length - 1;
    }

    /// <summary>
    /// The lowest level above which at most <paramref name="share"/> of the counted values lie, counted from the top:
    /// the level that leaves that share (rounded down to whole values) brighter; 0 when even level 0 would.
    /// </summary>
    public static int LevelLeavingAtMost(ReadOnlySpan<long> counts, double share)
    {
        long total = 0;
        foreach (long count in counts) total += count;
        long allowed = (long)(share * total), above = 0;
        for (int level = counts.Length - 1; level > 0; level--)
        {
            // Values strictly above `level - 1` are those at `level` or higher.
            if (above + counts[level] > allowed) return level;
            above += counts[level];
        }
        return 0;
    }
}
