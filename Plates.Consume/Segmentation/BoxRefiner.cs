using OpenCvSharp;
using Plates.Consume.Imaging;
using Plates.Consume.Layout;

namespace Plates.Consume.Segmentation;

/// <summary>Moves the boxes of a fitted layout onto the characters actually there.</summary>
public static class BoxRefiner
{
    /// <summary>
    /// Moves each fitted box onto the blobs whose centres fall in it. A narrow result (a '1') is widened to the character
    /// width about its centre; a result much wider than a character (touching neighbours) falls back on the fitted box.
    /// The Chinese character (the first slot) is placed last, to the left of the city letter, because its pieces are
    /// not reliable blobs.
    /// </summary>
    /// <param name="cleaned">The binarised plate with the frame cleared.</param>
    /// <param name="fitted">The layout's boxes (<see cref="LayoutFit.FromProjection"/>).</param>
    /// <param name="layout">The layout they were fitted from; its pitch is measured on its last run.</param>
    public static Rect[] Refine(Mat cleaned, IReadOnlyList<Rect> fitted, PlateLayout layout, BoxRefineOptions options)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(options);
        var bits = BinaryBits.FromMat(cleaned);
        int width = cleaned.Cols, height = cleaned.Rows;
        var components = Blobs.Find(bits, width, height, new Rect(0, 0, width, height));
        var refined = fitted.ToArray();
        double characterWidth = fitted.Average(b => b.Width);
        double pitch = Pitch(fitted, layout);
        double gap = Math.Max(1, pitch - characterWidth);
        int bandHeight = fitted.Max(b => b.Height);
        int minArea = Math.Max(options.MinSpeckPixels, (int)(options.MinCharacterInk * characterWidth * bandHeight));

        for (int i = 1; i < fitted.Count; i++)
        {
            var box = fitted[i];
            double from = box.Left - gap / 2, to = box.Right + gap / 2;
            var inside = components
                .Where(c => c.Area >= minArea && c.CentreX >= from && c.CentreX <= to
                            && c.Bounds.Height >= options.MinStrokeHeight * bandHeight)
                .ToList();
            if (inside.Count == 0) continue;
            int left = Math.Max((int)Math.Floor(from), inside.Min(c => c.Bounds.Left));
            int right = Math.Min((int)Math.Ceiling(to), inside.Max(c => c.Bounds.Right));
            int top = inside.Min(c => c.Bounds.Top), bottom = inside.Max(c => c.Bounds.Bottom);
            int found = right - left;
            if (found > options.MaxWidthFactor * characterWidth) continue;
            if (found < options.MinWidthFactor * characterWidth)
            {
                int centre = (left + right) / 2;
                left = centre - (int)Math.Round(characterWidth / 2);
                right = left + (int)Math.Round(characterWidth);
            }
            refined[i] = new Rect(left, Math.Min(top, box.Top), right - left, Math.Max(bottom, box.Bottom) - Math.Min(top, box.Top));
        }

        refined[0] = ChineseBox(refined, fitted, layout, 0, options);
        return refined;
    }

    /// <summary>
    /// The box of a Chinese character at <paramref name="position"/>, whose pieces are not reliable blobs: one gap
    /// beside its refined neighbour (before the city letter for the first character, after the fifth letter or digit
    /// for a suffix such as 学 or 港; the layout's own gap where it is wider), <see cref="BoxRefineOptions.ChineseWidthFactor"/> characters wide; what lies in
    /// it but off the glyph (frame, bolt) is dropped when its image is cut to the ink. A position with neighbours on
    /// both sides keeps its fitted box, widened about its centre.
    /// </summary>
    /// <param name="refined">The refined boxes (<see cref="Refine"/>); the neighbour's is read from them.</param>
    public static Rect ChineseBox(IReadOnlyList<Rect> refined, IReadOnlyList<Rect> fitted, PlateLayout layout, int position, BoxRefineOptions options)
    {
        ArgumentNullException.ThrowIfNull(refined);
        ArgumentNullException.ThrowIfNull(fitted);
        double characterWidth = fitted.Average(b => b.Width);
        double gap = Math.Max(1, Pitch(fitted, layout) - characterWidth);
        int width = (int)Math.Round(characterWidth * options.ChineseWidthFactor);
        // Where the layout puts more than an ordinary gap between the character and that neighbour (the police plate's
        // dot after the province), the box ends that much further from it.
        int neighbour = position == 0 ? 1 : position - 1;
        var (before, after) = (layout.Slots[Math.Min(position, neighbour)], layout.Slots[Math.Max(position, neighbour)]);
        double wider = Math.Max(0, after.Offset - before.Right - layout.Gap) * gap / layout.Gap;
        int margin = (int)Math.Round(gap * options.ChineseGapFactor + wider);
        var own = fitted[position];
        if (position == 0)
            return new Rect(refined[1].Left - margin - width, own.Top, width, own.Height);
        if (position == fitted.Count - 1)
            return new Rect(refined[position - 1].Right + margin, own.Top, width, own.Height);
        int centre = own.X + own.Width / 2;
        return new Rect(centre - width / 2, own.Top, width, own.Height);
    }

    /// <summary>Mean distance between neighbouring fitted boxes of the layout's evenly pitched run.</summary>
    public static double Pitch(IReadOnlyList<Rect> fitted, PlateLayout layout) =>
        (fitted[^1].X - fitted[layout.RunStart].X) / (double)(fitted.Count - 1 - layout.RunStart);
}
