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
        ArgumentNullException.ThrowIfNull(options);
        var projection = new double[bins];
        int max = (int)Math.Floor(options.MaxShear / options.Step);
        if (options.Order == ShearOrder.OutwardFromZero)
        {
            return Best(points, offset, projection, options, Enumerable.Range(0, 2 * max + 1).Select(k => (k + 1) / 2 * (k % 2 == 0 ? -1 : 1)));
        }

        int coarse = Math.Max(1, options.CoarseFactor);
        if (coarse == 1)
        {
            return Best(points, offset, projection, options, Enumerable.Range(-max, 2 * max + 1));
        }

        double first = Best(points, offset, projection, options, Enumerable.Range(0, 2 * max / coarse + 1).Select(k => -max + k * coarse));
        int centre = (int)Math.Round(first / options.Step);
        int from = Math.Max(-max, centre - options.FineReach), to = Math.Min(max, centre + options.FineReach);
        return Best(points, offset, projection, options, Enumerable.Range(from, to - from + 1));
    }

    private static double Best(ReadOnlySpan<ShearPoint> points, double offset, double[] projection, ShearSearchOptions options, IEnumerable<int> steps)
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
            double best = 0, bestScore = double.MinValue;
            foreach (int k in steps)
            {
                double shear = k * options.Step;
                Project(us.AsSpan(0, points.Length), vs.AsSpan(0, points.Length), shear, offset, projection);
                double score = SumOfSquares(projection) * (1 - options.ProportionalPenalty * Math.Abs(shear)) - options.AbsolutePenalty * Math.Abs(shear);
                if (score > bestScore)
                {
                    bestScore = score;
                    best = shear;
                }
            }
            return best;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(us);
            ArrayPool<double>.Shared.Return(vs);
        }
    }

    /// <summary>
    /// The projection of the points under one shear: each point, at <c>u + shear·v + offset</c>, split between its two
    /// nearest bins, parts outside dropped. Positions and their fractions are computed four at a time with the same
    /// operations as one at a time (no fused multiply–add), and the votes are added in the points' order, so the
    /// projection is the same to the bit as a point-by-point loop (<c>ShearSearchTests</c> compares the two).
    /// </summary>
    internal static void Project(ReadOnlySpan<double> us, ReadOnlySpan<double> vs, double shear, double offset, double[] projection)
    {
        Array.Clear(projection);
        int n = us.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var shears = Vector256.Create(shear);
            var offsets = Vector256.Create(offset);
            Span<double> floors = stackalloc double[4];
            Span<double> fractions = stackalloc double[4];
            for (; i + 4 <= n; i += 4)
            {
                var position = Vector256.Create(us.Slice(i, 4)) + shears * Vector256.Create(vs.Slice(i, 4)) + offsets;
                var floor = Vector256.Floor(position);
                floor.CopyTo(floors);
                (position - floor).CopyTo(fractions);
                for (int lane = 0; lane < 4; lane++) Add(projection, (int)floors[lane], fractions[lane]);
            }
        }
        for (; i < n; i++)
        {
            double position = us[i] + shear * vs[i] + offset;
            int index = (int)Math.Floor(position);
            Add(projection, index, position - index);
        }
    }

    /// <summary>Adds one pixel at bin <paramref name="index"/> plus <paramref name="fraction"/>, split between the two bins.</summary>
    private static void Add(double[] projection, int index, double fraction)
    {
        if ((uint)index < (uint)projection.Length) projection[index] += 1 - fraction;
        if ((uint)(index + 1) < (uint)projection.Length) projection[index + 1] += fraction;
    }

    private static double SumOfSquares(double[] values)
    {
        double sum = 0;
        foreach (double v in values) sum += v * v;
        return sum;
    }
}
