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
        double best = 0, bestScore = double.MinValue;
        foreach (int k in steps)
        {
            double shear = k * options.Step;
            Array.Clear(projection);
            foreach (var p in points)
            {
                Spread(projection, p.U + shear * p.V + offset);
            }

            double score = SumOfSquares(projection) * (1 - options.ProportionalPenalty * Math.Abs(shear)) - options.AbsolutePenalty * Math.Abs(shear);
            if (score > bestScore)
            {
                bestScore = score;
                best = shear;
            }
        }

        return best;
    }

    /// <summary>Adds one pixel to a projection at a fractional position, split between the two nearest bins.</summary>
    private static void Spread(double[] projection, double position)
    {
        int index = (int)Math.Floor(position);
        double fraction = position - index;
        if (index >= 0 && index < projection.Length) projection[index] += 1 - fraction;
        if (index + 1 >= 0 && index + 1 < projection.Length) projection[index + 1] += fraction;
    }

    private static double SumOfSquares(double[] values)
    {
        double sum = 0;
        foreach (double v in values) sum += v * v;
        return sum;
    }
}
