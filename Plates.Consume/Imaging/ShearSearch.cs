using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Plates.Consume.Imaging;

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
/// The pixels voting in a <see cref="ShearSearch"/>, line by line: every pixel of a line has the same V, so a shear moves
/// the whole line by one amount, and where each of its pixels falls is worked out once for the line. Pixels are at whole
/// positions U along their line. Built line after line: <see cref="AddLine"/>, then <see cref="Vote"/> for each pixel
/// on it, in increasing U.
/// </summary>
public sealed class ShearLines
{
    private readonly List<int> _us = [];
    private readonly List<(double V, int Start)> _lines = [];

    /// <summary>Starts a line; the pixels voted next lie on it.</summary>
    /// <param name="v">The line's V, the coordinate the shear multiplies.</param>
    public void AddLine(double v) => _lines.Add((v, _us.Count));

    /// <summary>A pixel at whole position <paramref name="u"/> of the line added last; each line's in increasing U.</summary>
    /// <exception cref="InvalidOperationException">No line was added, or <paramref name="u"/> is not above the line's last pixel.</exception>
    public void Vote(int u)
    {
        if (_lines.Count == 0) throw new InvalidOperationException("Add a line before its pixels.");
        if (_us.Count > _lines[^1].Start && _us[^1] >= u) throw new InvalidOperationException("A line's pixels are voted in increasing U.");
        _us.Add(u);
    }

    /// <summary>
    /// Adds the pixels under <paramref name="shear"/> to <paramref name="projection"/>: a pixel at U of a line with V
    /// falls at <c>U + shear·V + offset</c>, split between its two nearest bins; parts outside the bins are dropped.
    /// </summary>
    public void Project(double shear, double offset, Span<double> projection)
    {
        var us = CollectionsMarshal.AsSpan(_us);
        var lines = CollectionsMarshal.AsSpan(_lines);
        int bins = projection.Length;
        for (int line = 0; line < lines.Length; line++)
        {
            int start = lines[line].Start, end = line + 1 < lines.Length ? lines[line + 1].Start : us.Length;
            if (start == end) continue;
            double position = shear * lines[line].V + offset;
            double floor = Math.Floor(position);
            int low = us[start], high = us[end - 1];
            // Far outside the bins (also keeps the shift an int): nothing of the line lands in them.
            if (floor + low > bins || floor + high + 1 < 0) continue;
            int shift = (int)floor;
            double right = position - floor, left = 1 - right;
            // In double, so that no U, however large, wraps round.
            if (floor + low >= 0 && floor + high + 2 <= bins)
            {
                // The whole line lands inside (its pixels are in increasing U, from low to high): no bounds to check per
                // pixel. The reference starts at the line's first bin, inside the projection.
                ref double firstBin = ref Unsafe.Add(ref MemoryMarshal.GetReference(projection), low + shift);
                for (int i = start; i < end; i++)
                {
                    ref double bin = ref Unsafe.Add(ref firstBin, us[i] - low);
                    bin += left;
                    Unsafe.Add(ref bin, 1) += right;
                }
                continue;
            }
            for (int i = start; i < end; i++)
            {
                int bin = us[i] + shift;
                if ((uint)bin < (uint)bins) projection[bin] += left;
                if ((uint)(bin + 1) < (uint)bins) projection[bin + 1] += right;
            }
        }
    }
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
    /// <param name="lines">The voting pixels, line by line.</param>
    /// <param name="offset">Added to every position, so that positions fall inside the projection.</param>
    /// <param name="bins">Length of the projection; parts of pixels falling outside it are dropped.</param>
    /// <param name="options">The shears tried and the preference for small ones.</param>
    public static double Best(ShearLines lines, double offset, int bins, ShearSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(options);
        var projection = new double[bins];
        int max = (int)Math.Floor(options.MaxShear / options.Step);
        if (options.Order == ShearOrder.OutwardFromZero)
        {
            return Best(lines, offset, projection, options, Enumerable.Range(0, 2 * max + 1).Select(k => (k + 1) / 2 * (k % 2 == 0 ? -1 : 1)));
        }

        int coarse = Math.Max(1, options.CoarseFactor);
        if (coarse == 1)
        {
            return Best(lines, offset, projection, options, Enumerable.Range(-max, 2 * max + 1));
        }

        double first = Best(lines, offset, projection, options, Enumerable.Range(0, 2 * max / coarse + 1).Select(k => -max + k * coarse));
        int centre = (int)Math.Round(first / options.Step);
        int from = Math.Max(-max, centre - options.FineReach), to = Math.Min(max, centre + options.FineReach);
        return Best(lines, offset, projection, options, Enumerable.Range(from, to - from + 1));
    }

    /// <summary>The shears of <paramref name="steps"/> judged in the order given; on an exact tie the first wins.</summary>
    private static double Best(ShearLines lines, double offset, double[] projection, ShearSearchOptions options, IEnumerable<int> steps)
    {
        double best = 0, bestScore = double.MinValue;
        foreach (int k in steps)
        {
            double shear = k * options.Step;
            Array.Clear(projection);
            lines.Project(shear, offset, projection);
            double score = TensorPrimitives.SumOfSquares<double>(projection) * (1 - options.ProportionalPenalty * Math.Abs(shear)) - options.AbsolutePenalty * Math.Abs(shear);
            if (score > bestScore)
            {
                bestScore = score;
                best = shear;
            }
        }
        return best;
    }
}
