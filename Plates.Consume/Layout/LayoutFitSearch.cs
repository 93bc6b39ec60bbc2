using System.Numerics.Tensors;

namespace Plates.Consume.Layout;

/// <summary>
/// The grid search behind <see cref="LayoutFit.FromProjection"/>: every scale and origin of the grid in
/// <see cref="ProjectionFitOptions"/> is a placement of the layout, scored by the ink inside its boxes less the ink in
/// its gaps and beyond its ends. <see cref="Exhaustive"/> scores every placement; <see cref="BranchAndBound"/> returns
/// the same placement (the best score, on a tie the first in scale-then-origin order, the winner's score computed by
/// the same arithmetic) while scoring only the few that could win.
/// </summary>
/// <remarks>
/// A placement's score is a weighted sum of the band's cumulative ink <c>C(x)</c> at the edges of its boxes
/// (<c>+C(right) − C(left)</c> for a box, <c>−GapPenalty × (C(next left) − C(right))</c> for a gap, the ink beyond the
/// row's two ends), and <c>C</c> never decreases. The k-th origin of every scale sits k steps from that scale's first
/// origin, so over a block of scales each edge of the k-th placement moves within an interval; taking each positive
/// term at its interval's right end and each negative one at its left end bounds the score of the k-th placement at
/// every scale of the block. Blocks are halved best bound first, and a block's origins whose bound is below the best
/// score found are never looked at again (a half's bound is never above its block's). At the default grid (about 860
/// scales × 270 origins on the 272-pixel working plate, some 200,000 placements) a fit computes a few thousand cells
/// of bounds and scores a handful of placements exactly.
/// </remarks>
internal sealed class LayoutFitSearch
{
    private readonly double[] _cumulative;
    private readonly int _width;
    private readonly double _total;
    private readonly double _nominalScale;
    private readonly double _rowLength;
    private readonly double[] _offsets;
    private readonly double[] _widths;
    private readonly double[] _scaledWidths;
    private readonly PlateLayout _layout;
    private readonly ProjectionFitOptions _options;
    private readonly double _originStep;

    /// <summary>The scales of the grid, as the exhaustive loop steps through them (repeated addition, so the same doubles).</summary>
    private readonly double[] _scales;

    /// <summary>Per scale, its origins as the exhaustive loop steps through them; computed when first needed.</summary>
    private readonly double[]?[] _origins;

    /// <summary>
    /// When the origin step is one pixel, a row of cells reads the cumulative ink at consecutive pixels from each edge's
    /// fraction: <c>C</c> and the projection, padded with the values they keep beyond the band's ends, so that a whole
    /// row is two vector multiply-adds per edge. Null for other steps, whose cells are summed one at a time.
    /// </summary>
    private readonly double[]? _paddedCumulative;

    /// <inheritdoc cref="_paddedCumulative"/>
    private readonly double[]? _paddedInk;

    /// <summary>Index in the padded arrays of pixel 0.</summary>
    private readonly int _padding;

    public LayoutFitSearch(double[] projection, int bandHeight, PlateLayout layout, ProjectionFitOptions options)
    {
        _layout = layout;
        _options = options;
        _width = projection.Length;
        _total = projection.Sum();
        _cumulative = new double[_width + 1];
        for (int x = 0; x < _width; x++) _cumulative[x + 1] = _cumulative[x] + projection[x];
        _offsets = layout.Slots.Select(s => s.Offset).ToArray();
        _widths = layout.Slots.Select(s => s.Width).ToArray();
        _scaledWidths = new double[_widths.Length];
        _rowLength = layout.Span;
        _nominalScale = bandHeight / layout.CharacterHeight;
        double minScale = _nominalScale * options.MinAspectFactor, maxScale = _nominalScale * options.MaxAspectFactor;
        // Steps of about half a pixel at the default working width, the same share of the plate at any other.
        double relative = Math.Max(1, _width / options.ReferenceWidth);
        double scaleStep = options.ScaleStep * relative / _rowLength;
        _originStep = options.OriginStep * relative;
        var scales = new List<double>();
        for (double scale = minScale; scale <= maxScale; scale += scaleStep) scales.Add(scale);
        _scales = scales.ToArray();
        _origins = new double[]?[_scales.Length];

        if (_originStep == 1 && _scales.Length > 0)
        {
            // Edges reach (Gap + Overhang × row) × scale left of the first origin, and as far beyond the last one's row.
            double reach = (_layout.Gap + _options.Overhang * _rowLength) * maxScale + _rowLength * maxScale;
            _padding = (int)Math.Ceiling(reach) + 4;
            int length = _padding + ApproximateOriginCount(0) + _padding + _width + 4;
            _paddedCumulative = new double[length];
            _paddedInk = new double[length];
            for (int i = _padding + _width; i < length; i++) _paddedCumulative[i] = _cumulative[_width];
            for (int x = 0; x <= _width; x++) _paddedCumulative[_padding + x] = _cumulative[x];
            for (int x = 0; x < _width; x++) _paddedInk[_padding + x] = projection[x];
        }
    }

    /// <summary>Ink of the whole projection.</summary>
    public double Total => _total;

    /// <summary>Scores every placement of the grid; the reference the pruned search is checked against.</summary>
    public (double Score, double Scale, double Origin) Exhaustive()
    {
        double bestScore = double.MinValue, bestScale = _nominalScale, bestOrigin = 0;
        for (int j = 0; j < _scales.Length; j++)
        {
            double[] origins = Origins(j);
            for (int k = 0; k < origins.Length; k++)
            {
                double score = Score(j, origins[k]);
                if (score > bestScore) (bestScore, bestScale, bestOrigin) = (score, _scales[j], origins[k]);
            }
        }
        return (bestScore, bestScale, bestOrigin);
    }

    /// <summary>The placement <see cref="Exhaustive"/> returns, found by scoring only the placements that could win.</summary>
    public (double Score, double Scale, double Origin) BranchAndBound()
    {
        if (_scales.Length == 0) return (double.MinValue, _nominalScale, 0);
        // Cells add the same cumulative ink as the exact score in another order, from origins stepped by
        // multiplication rather than addition: they stray from it by rounding, which this margin exceeds by orders of
        // magnitude while staying far below any difference between two placements that matters.
        double margin = 2e-7 * (_total + 1);
        double best = double.MinValue;
        var near = new List<(int J, int K, double Approximate)>();
        var queue = new PriorityQueue<(int First, int Last, double[] Bounds), double>();
        var unbounded = new double[ApproximateOriginCount(0) + 2];
        Array.Fill(unbounded, double.MaxValue);
        // A first score to prune by: the scale of the layout's own aspect, which most plates lie near.
        int nominal = Array.BinarySearch(_scales, _nominalScale);
        nominal = Math.Min(nominal < 0 ? ~nominal : nominal, _scales.Length - 1);
        Visit(nominal, nominal, unbounded);
        Visit(0, _scales.Length - 1, unbounded);
        while (queue.TryDequeue(out var block, out double negativeBound))
        {
            if (-negativeBound + margin < best) break;
            int middle = (block.First + block.Last) / 2;
            Visit(block.First, middle, block.Bounds);
            Visit(middle + 1, block.Last, block.Bounds);
        }

        double bestScore = double.MinValue;
        int bestJ = -1, bestK = -1;
        foreach (var (j, k, approximate) in near)
        {
            if (approximate + margin < best) continue;
            double score = Score(j, Origins(j)[k]);
            // The exhaustive order's tie rule: the first placement, by scale then origin, of the best score.
            if (score > bestScore || (score == bestScore && (j < bestJ || (j == bestJ && k < bestK))))
                (bestScore, bestJ, bestK) = (score, j, k);
        }
        return bestJ < 0 ? (double.MinValue, _nominalScale, 0) : (bestScore, _scales[bestJ], Origins(bestJ)[bestK]);

        // One scale: its placements' scores, up to rounding, kept when near the best. Several: their bounds, queued.
        void Visit(int first, int last, double[] parent)
        {
            int count = Math.Min(parent.Length, first == last ? Origins(first).Length : ApproximateOriginCount(first) + 2);
            // Only the origins the parent block left open; a half's bound there is at most the block's.
            int from = 0, to = count - 1;
            while (from <= to && parent[from] + margin < best) from++;
            while (to >= from && parent[to] + margin < best) to--;
            if (from > to) return;
            var cells = new double[count];
            Array.Fill(cells, double.MinValue, 0, from);
            Array.Fill(cells, double.MinValue, to + 1, count - to - 1);
            Cells(first, last, cells.AsSpan(from, to - from + 1), from);
            if (first == last)
            {
                for (int k = from; k <= to; k++)
                {
                    if (cells[k] + margin < best) continue;
                    near.Add((first, k, cells[k]));
                    best = Math.Max(best, cells[k]);
                }
                return;
            }
            double highest = double.MinValue;
            for (int k = from; k <= to; k++) highest = Math.Max(highest, cells[k]);
            if (highest + margin >= best) queue.Enqueue((first, last, cells), -highest);
        }
    }

    /// <summary>
    /// For the origins <paramref name="firstOrigin"/> onwards, the score of each one's placement as a weighted sum of the
    /// cumulative ink at its edges, over the scales <paramref name="first"/> to <paramref name="last"/>. The k-th origin
    /// of scale s lies at k steps − Overhang × span(s), so an edge c millimetres along the row lies at
    /// k steps + (c − Overhang × row length) × s and moves only with the scale. For one scale each cell is that
    /// placement's score, up to rounding; for several, each edge is put where its term is largest over the block
    /// (rightmost for a term that adds ink, leftmost for one that takes it away) and the scale prior at its least,
    /// which bounds the placement's score at every scale of the block.
    /// </summary>
    private void Cells(int first, int last, Span<double> cells, int firstOrigin)
    {
        double sLow = _scales[first], sHigh = _scales[last];
        // A block's bound also covers the exhaustive loop's origins, stepped by repeated addition.
        double slack = first == last ? 0 : 1e-6;
        double shift = _options.Overhang * _rowLength;
        double nearest = Math.Clamp(_nominalScale, sLow, sHigh);
        double outside = _options.OutsidePenalty;
        cells.Fill(-_options.ScalePriorWeight * _total * Math.Abs(Math.Log(nearest / _nominalScale)) - outside * _cumulative[_width]);

        double gap = _options.GapPenalty;
        int n = _offsets.Length;
        for (int i = 0; i < n; i++)
        {
            // A box's right edge adds its ink and takes the following gap's off the penalty; its left edge the reverse.
            AddEdge(cells, firstOrigin, i + 1 < n ? 1 + gap : 1, Rightmost(_offsets[i] + _widths[i]));
            AddEdge(cells, firstOrigin, -(i > 0 ? 1 + gap : 1), Leftmost(_offsets[i]));
        }
        AddEdge(cells, firstOrigin, -outside, Leftmost(-_layout.Gap));
        AddEdge(cells, firstOrigin, outside, Rightmost(_rowLength + _layout.Gap));

        double Rightmost(double c) => (c - shift) * (c >= shift ? sHigh : sLow) + slack;
        double Leftmost(double c) => (c - shift) * (c >= shift ? sLow : sHigh) - slack;
    }

    /// <summary>Adds <paramref name="weight"/> × the cumulative ink at <paramref name="position"/> + k steps to the cell of each origin k.</summary>
    private void AddEdge(Span<double> cells, int firstOrigin, double weight, double position)
    {
        if (_paddedCumulative is not null && _paddedInk is not null)
        {
            // One-pixel steps: every cell reads C at the same fraction past consecutive pixels, C(i + f) = C(i) + f × ink(i).
            double whole = Math.Floor(position);
            int at = _padding + (int)whole + firstOrigin;
            TensorPrimitives.MultiplyAdd(_paddedCumulative.AsSpan(at, cells.Length), weight, cells, cells);
            TensorPrimitives.MultiplyAdd(_paddedInk.AsSpan(at, cells.Length), weight * (position - whole), cells, cells);
            return;
        }
        for (int k = 0; k < cells.Length; k++)
            cells[k] += weight * Interpolate(_cumulative, Math.Clamp(position + (firstOrigin + k) * _originStep, 0, _width));
    }

    /// <summary>About how many origins the exhaustive loop tries at scale <paramref name="j"/> (within one of the exact count).</summary>
    private int ApproximateOriginCount(int j)
    {
        double span = _rowLength * _scales[j];
        double first = -_options.Overhang * span, last = _width - (1 - _options.Overhang) * span;
        return last < first ? 0 : (int)Math.Floor((last - first) / _originStep) + 1;
    }

    /// <summary>The origins the exhaustive loop tries at scale <paramref name="j"/>, stepped as it steps them.</summary>
    private double[] Origins(int j)
    {
        if (_origins[j] is { } known) return known;
        double span = _rowLength * _scales[j];
        var origins = new List<double>(ApproximateOriginCount(j) + 1);
        for (double origin = -_options.Overhang * span; origin + (1 - _options.Overhang) * span <= _width; origin += _originStep) origins.Add(origin);
        return _origins[j] = origins.ToArray();
    }

    /// <summary>The score of the layout at scale <paramref name="j"/> and <paramref name="origin"/>: ink in the boxes, less the gaps' and what lies beyond the row.</summary>
    private double Score(int j, double origin)
    {
        double scale = _scales[j];
        double span = _rowLength * scale;
        for (int i = 0; i < _widths.Length; i++) _scaledWidths[i] = _widths[i] * scale;
        double prior = _options.ScalePriorWeight * _total * Math.Abs(Math.Log(scale / _nominalScale));
        // Ink left unexplained beyond the outer characters is a character the fit has dropped (or frame, which no fit
        // can explain, so it does not bias the choice).
        double gapWidth = _layout.Gap * scale;
        double score = -prior - _options.OutsidePenalty * (Mass(0, origin - gapWidth) + Mass(origin + span + gapWidth, _width));
        for (int i = 0; i < _offsets.Length; i++)
        {
            double left = origin + _offsets[i] * scale;
            score += Mass(left, left + _scaledWidths[i]);
            if (i + 1 < _offsets.Length) score -= _options.GapPenalty * Mass(left + _scaledWidths[i], origin + _offsets[i + 1] * scale);
        }
        return score;
    }

    private double Mass(double from, double to)
    {
        from = Math.Clamp(from, 0, _width);
        to = Math.Clamp(to, 0, _width);
        return to <= from ? 0 : Interpolate(_cumulative, to) - Interpolate(_cumulative, from);
    }

    private static double Interpolate(double[] cumulative, double x)
    {
        int i = Math.Min((int)Math.Floor(x), cumulative.Length - 2);
        double f = x - i;
        return cumulative[i] * (1 - f) + cumulative[i + 1] * f;
    }
}
