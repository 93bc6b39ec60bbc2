using System.Buffers;
using System.Runtime.Intrinsics;

namespace Plates.Consume.Imaging;

/// <summary>A pixel voting in a <see cref="ShearSearch"/>: under shear <c>s</c> it falls at <c>U + s·V</c> of the projection.</summary>
public readonly record struct ShearPoint(double U, double V);

/// <summary>In which order a <see cref="ShearSearch"/> tries its shears; on an exact tie the first tried wins.</summary>
public enum ShearOrder
{
    /// <summary>From −max to +max.</summary>
    Ascending,

    /// <summary>0, +step, −step, +2·step, …: a blank image keeps shear 0.</summary>
    OutwardFromZero,
}

/// <summary>The grid a <see cref="ShearSearch"/> tries and how it prefers small shears.</summary>
public sealed record ShearSearchOptions
{
    /// <summary>Largest shear tried, either sign, in projection units per unit of V.</summary>
    public required double MaxShear { get; init; }

    /// <summary>Spacing of the shears tried: every shear is a whole multiple of it.</summary>
    public required double Step { get; init; }

    /// <summary>The score is multiplied by 1 − this × |shear|: a near-tie goes to the smaller shear.</summary>
    public double ProportionalPenalty { get; init; }

    /// <summary>This × |shear| is subtracted from the score: an exact tie (a blank projection) goes to the smaller shear.</summary>
    public double AbsolutePenalty { get; init; }

    public ShearOrder Order { get; init; } = ShearOrder.Ascending;

    /// <summary>
    /// Greater than 1: a first pass tries every this many steps, a second pass every step within
    /// <see cref="FineReach"/> steps of the first pass's best. The score is smooth in the shear, so the coarse pass
    /// finds the same maximum for a fraction of the work. Ascending order only.
    /// </summary>
    public int CoarseFactor { get; init; } = 1;

    /// <summary>Steps either side of the coarse best that the fine pass tries.</summary>
    public int FineReach { get; init; }
}

/// <summary>
/// The one projection-sharpness search: the shear under which a set of pixels, projected onto one axis, piles up into
/// the fewest bins. Upright strokes stack into few columns and leave clean gaps (deskew shear, character slant); a level
/// baseline gathers the character band's edges into few rows (tilt). Sharpness is the sum of squares of the projection;
/// each pixel is split between its two nearest bins, since rounding would let the staircase of a rasterised slanted
/// stroke line up by chance at a wrong shear.
/// </summary>
public static class ShearSearch
{
    /// <summary>The best shear of the grid in <paramref name="options"/>.</summary>
    /// <param name="points">The voting pixels, in a fixed order (the sums are floating point).</param>
    /// <param name="offset">Added to every position, so that positions fall inside the projection.</param>
    /// <param name="bins">Length of the projection; parts of pixels falling outside it are dropped.</param>
    /// <param name="options">The shears tried and the preference for small ones.</param>
    public static double Best(ReadOnlySpan<ShearPoint> points, double offset, int bins, ShearSearchOptions options)
    {
        // The points' two coordinates apart, so that positions are computed four at a time (Project).
        double[] us = ArrayPool<double>.Shared.Rent(points.Length), vs = ArrayPool<double>.Shared.Rent(points.Length);
        try
        {
            for (int i = 0; i < points.Length; i++)
            {
                us[i] = points[i].U;
                vs[i] = points[i].V;
            }
            return Best(us.AsSpan(0, points.Length), vs.AsSpan(0, points.Length), offset, bins, options);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(us);
            ArrayPool<double>.Shared.Return(vs);
        }
    }

    /// <summary>The best shear for points given as their two coordinates apart: point i is (<paramref name="us"/>[i], <paramref name="vs"/>[i]).</summary>
    /// <inheritdoc cref="Best(ReadOnlySpan{ShearPoint}, double, int, ShearSearchOptions)"/>
    public static double Best(ReadOnlySpan<double> us, ReadOnlySpan<double> vs, double offset, int bins, ShearSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (us.Length != vs.Length) throw new ArgumentException("Every point needs both coordinates.", nameof(vs));
        var projection = new double[bins];
        int max = (int)Math.Floor(options.MaxShear / options.Step);
        if (options.Order == ShearOrder.OutwardFromZero)
        {
            return Best(us, vs, offset, projection, options, Enumerable.Range(0, 2 * max + 1).Select(k => (k + 1) / 2 * (k % 2 == 0 ? -1 : 1)));
        }

        int coarse = Math.Max(1, options.CoarseFactor);
        if (coarse == 1)
        {
            return Best(us, vs, offset, projection, options, Enumerable.Range(-max, 2 * max + 1));
        }

        double first = Best(us, vs, offset, projection, options, Enumerable.Range(0, 2 * max / coarse + 1).Select(k => -max + k * coarse));
        int centre = (int)Math.Round(first / options.Step);
        int from = Math.Max(-max, centre - options.FineReach), to = Math.Min(max, centre + options.FineReach);
        return Best(us, vs, offset, projection, options, Enumerable.Range(from, to - from + 1));
    }

    private static double Best(ReadOnlySpan<double> us, ReadOnlySpan<double> vs, double offset, double[] projection, ShearSearchOptions options, IEnumerable<int> steps)
    {
        // Shears are projected Lanes at a time (ProjectBatch) but judged one by one in the order given, as before.
        int bins = projection.Length;
        int[] ks = steps.ToArray();
        double[] projections = ArrayPool<double>.Shared.Rent(Lanes * bins);
        try
        {
            Span<double> shears = stackalloc double[Lanes];
            double best = 0, bestScore = double.MinValue;
            for (int first = 0; first < ks.Length; first += Lanes)
            {
                int count = Math.Min(Lanes, ks.Length - first);
                // A short last batch repeats its last shear in the lanes left over.
                for (int lane = 0; lane < Lanes; lane++) shears[lane] = ks[first + Math.Min(lane, count - 1)] * options.Step;
                ProjectBatch(us, vs, shears, offset, projections.AsSpan(0, Lanes * bins), bins);
                for (int lane = 0; lane < count; lane++)
                {
                    double shear = shears[lane];
                    double score = SumOfSquares(projections.AsSpan(lane * bins, bins)) * (1 - options.ProportionalPenalty * Math.Abs(shear)) - options.AbsolutePenalty * Math.Abs(shear);
                    if (score > bestScore)
                    {
                        bestScore = score;
                        best = shear;
                    }
                }
            }
            return best;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(projections);
        }
    }

    /// <summary>Shears projected at once by <see cref="ProjectBatch"/>: two vectors of four.</summary>
    internal const int Lanes = 8;

    /// <summary>
    /// The projections of the points under <see cref="Lanes"/> shears at once, shear j's in
    /// <c>projections[j·bins .. (j + 1)·bins)</c>: each point, at <c>u + shear·v + offset</c>, split between its two
    /// nearest bins, parts outside dropped. Each projection is the same to the bit as a point-by-point loop gives for
    /// its shear (<c>ShearSearchTests</c> compares them): every lane computes the position with the same operations (no
    /// fused multiply–add), and each projection gets its votes in the points' order. It is faster because the votes of consecutive points, which fall in the same bins, form
    /// one chain of dependent additions per shear, and the shears' chains now run side by side.
    /// </summary>
    internal static void ProjectBatch(ReadOnlySpan<double> us, ReadOnlySpan<double> vs, ReadOnlySpan<double> shears, double offset, Span<double> projections, int bins)
    {
        if (shears.Length != Lanes) throw new ArgumentException($"Expected {Lanes} shears.", nameof(shears));
        if (projections.Length < Lanes * bins) throw new ArgumentException("Too little room for the projections.", nameof(projections));
        projections.Clear();
        var low = Vector256.Create(shears[..4]);
        var high = Vector256.Create(shears[4..]);
        var offsets = Vector256.Create(offset);
        Span<double> floors = stackalloc double[Lanes];
        Span<double> fractions = stackalloc double[Lanes];
        for (int i = 0; i < us.Length; i++)
        {
            var u = Vector256.Create(us[i]);
            var v = Vector256.Create(vs[i]);
            var lowPosition = u + low * v + offsets;
            var highPosition = u + high * v + offsets;
            var lowFloor = Vector256.Floor(lowPosition);
            var highFloor = Vector256.Floor(highPosition);
            lowFloor.CopyTo(floors);
            highFloor.CopyTo(floors[4..]);
            (lowPosition - lowFloor).CopyTo(fractions);
            (highPosition - highFloor).CopyTo(fractions[4..]);
            for (int lane = 0; lane < Lanes; lane++)
            {
                int index = (int)floors[lane];
                double fraction = fractions[lane];
                var projection = projections.Slice(lane * bins, bins);
                if ((uint)index < (uint)bins) projection[index] += 1 - fraction;
                if ((uint)(index + 1) < (uint)bins) projection[index + 1] += fraction;
            }
        }
    }

    private static double SumOfSquares(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values) sum += v * v;
        return sum;
    }
}
