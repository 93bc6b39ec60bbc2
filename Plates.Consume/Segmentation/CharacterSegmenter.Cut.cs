using OpenCvSharp;

namespace Plates.Consume.Segmentation;

public sealed partial class CharacterSegmenter
{
    /// <summary>
    /// Places the standard seven-character layout on the plate: the scale and origin under which the column projection
    /// has the most ink inside character boxes and the least in the gaps between them. Fitting the whole layout at once is
    /// what survives touching characters, a Chinese character in pieces and a missing stroke, which defeat cutting at
    /// projection valleys one by one. Returns null when the band holds too little ink to fit.
    /// </summary>
    public Rect[]? FitLayout(Mat cleaned, CharacterBand band)
    {
        var bits = Binary.ToBits(cleaned);
        int width = cleaned.Cols;
        var projection = Binary.ColumnProjection(bits, width, band.Top, band.Bottom);
        double total = projection.Sum();
        if (total < band.Height * band.Height * MinInkInCharacterHeights) return null;

        var cumulative = new double[width + 1];
        for (int x = 0; x < width; x++) cumulative[x + 1] = cumulative[x] + projection[x];
        double Mass(double from, double to)
        {
            from = Math.Clamp(from, 0, width);
            to = Math.Clamp(to, 0, width);
            return to <= from ? 0 : Interpolate(cumulative, to) - Interpolate(cumulative, from);
        }

        var offsets = PlateLayout.Offsets;
        double nominalScale = band.Height / PlateLayout.CharacterHeight;
        double minScale = nominalScale * _options.MinAspectFactor, maxScale = nominalScale * _options.MaxAspectFactor;
        double bestScore = double.MinValue, bestScale = nominalScale, bestOrigin = 0;
        // Steps of about half a pixel at the default working width, the same share of the plate at any other.
        double relative = Math.Max(1, width / 136.0);
        double scaleStep = 0.25 * relative / PlateLayout.Span, originStep = 0.5 * relative;
        for (double scale = minScale; scale <= maxScale; scale += scaleStep)
        {
            double span = PlateLayout.Span * scale, characterWidth = PlateLayout.CharacterWidth * scale;
            double prior = ScalePriorWeight * total * Math.Abs(Math.Log(scale / nominalScale));
            for (double origin = -0.1 * span; origin + 0.9 * span <= width; origin += originStep)
            {
                // Ink left unexplained beyond the outer characters is a character the fit has dropped (or frame, which
                // no fit can explain, so it does not bias the choice).
                double gapWidth = PlateLayout.Gap * scale;
                double score = -prior - OutsidePenalty * (Mass(0, origin - gapWidth) + Mass(origin + span + gapWidth, width));
                for (int i = 0; i < offsets.Count; i++)
                {
                    double left = origin + offsets[i] * scale;
                    score += Mass(left, left + characterWidth);
                    if (i + 1 < offsets.Count) score -= GapPenalty * Mass(left + characterWidth, origin + offsets[i + 1] * scale);
                }
                if (score > bestScore) (bestScore, bestScale, bestOrigin) = (score, scale, origin);
            }
        }
        if (bestScore < MinFitShare * total) return null;

        var boxes = new Rect[offsets.Count];
        for (int i = 0; i < offsets.Count; i++)
        {
            double left = bestOrigin + offsets[i] * bestScale;
            boxes[i] = new Rect((int)Math.Round(left), band.Top,
                (int)Math.Round(PlateLayout.CharacterWidth * bestScale), band.Height);
        }
        return boxes;
    }

    /// <summary>
    /// Moves each fitted box onto the character actually there: the blobs whose centres fall in it. A narrow result
    /// (a '1') is widened to the character width about its centre; a result much wider than a character (touching
    /// neighbours) falls back on the fitted box. The Chinese character is placed last, to the left of the city letter,
    /// because its pieces are not reliable blobs.
    /// </summary>
    public Rect[] RefineBoxes(Mat cleaned, IReadOnlyList<Rect> fitted)
    {
        var bits = Binary.ToBits(cleaned);
        int width = cleaned.Cols, height = cleaned.Rows;
        var components = Binary.Label(bits, width, height, new Rect(0, 0, width, height));
        var refined = fitted.ToArray();
        double characterWidth = fitted.Average(b => b.Width);
        double pitch = (fitted[^1].X - fitted[2].X) / (double)(fitted.Count - 3);
        double gap = Math.Max(1, pitch - characterWidth);
        int bandHeight = fitted.Max(b => b.Height);
        int minArea = Math.Max(3, (int)(MinCharacterInk * characterWidth * bandHeight));

        for (int i = 1; i < fitted.Count; i++)
        {
            var box = fitted[i];
            double from = box.Left - gap / 2, to = box.Right + gap / 2;
            var inside = components
                .Where(c => c.Area >= minArea && c.CentreX >= from && c.CentreX <= to
                            && c.Bounds.Height >= MinStrokeHeight * bandHeight)
                .ToList();
            if (inside.Count == 0) continue;
            int left = Math.Max((int)Math.Floor(from), inside.Min(c => c.Bounds.Left));
            int right = Math.Min((int)Math.Ceiling(to), inside.Max(c => c.Bounds.Right));
            int top = inside.Min(c => c.Bounds.Top), bottom = inside.Max(c => c.Bounds.Bottom);
            int found = right - left;
            if (found > MaxWidthFactor * characterWidth) continue;
            if (found < MinWidthFactor * characterWidth)
            {
                int centre = (left + right) / 2;
                left = centre - (int)Math.Round(characterWidth / 2);
                right = left + (int)Math.Round(characterWidth);
            }
            refined[i] = new Rect(left, Math.Min(top, box.Top), right - left, Math.Max(bottom, box.Bottom) - Math.Min(top, box.Top));
        }

        // The Chinese character sits one gap before the city letter. The refined letter box is tight on its ink, which
        // blur has spread, so the nominal gap measured from it is too wide: half of it keeps the Chinese character's
        // right-hand strokes inside. Its glyph fills its 45 mm box more than a letter does, hence the wider box; what
        // lies in the box but off the glyph (frame, bolt) is dropped when its image is cut to the ink.
        int chineseRight = refined[1].Left - (int)Math.Round(gap * ChineseGapFactor);
        int chineseWidth = (int)Math.Round(characterWidth * ChineseWidthFactor);
        refined[0] = new Rect(chineseRight - chineseWidth, fitted[0].Top, chineseWidth, fitted[0].Height);
        return refined;
    }

    private static double Interpolate(double[] cumulative, double x)
    {
        int i = Math.Min((int)Math.Floor(x), cumulative.Length - 2);
        double f = x - i;
        return cumulative[i] * (1 - f) + cumulative[i + 1] * f;
    }

    /// <summary>Ink (in band-height squares) below which a band is taken to be empty.</summary>
    private const double MinInkInCharacterHeights = 0.5;

    /// <summary>How much worse ink in a gap is than ink in a box is good.</summary>
    private const double GapPenalty = 2.0;

    /// <summary>How much ink outside the fitted span counts against it.</summary>
    private const double OutsidePenalty = 0.5;

    /// <summary>How strongly the fit prefers the 1:2 character aspect over a squeezed or stretched one.</summary>
    private const double ScalePriorWeight = 0.05;

    /// <summary>Share of the band's ink the best fit must explain to be believed.</summary>
    private const double MinFitShare = 0.3;

    /// <summary>Share of a character box below which a blob is a speck, not a stroke.</summary>
    private const double MinCharacterInk = 0.04;

    private const double MinStrokeHeight = 0.4;

    private const double MinWidthFactor = 0.6;

    private const double MaxWidthFactor = 1.3;

    private const double ChineseWidthFactor = 1.15;

    private const double ChineseGapFactor = 0.5;
}
