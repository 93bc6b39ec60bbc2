using OpenCvSharp;

namespace Plates.Consume.Layout;

/// <summary>
/// Where a <see cref="PlateLayout"/> lies in a plate image: the two fits of a layout to what was found of its
/// characters, one for each kind of evidence. Found blobs (the deskewer, whose characters are counted blobs) fit by
/// their centres; a binarised band (the segmenter, where characters touch or fall apart) fits by its ink.
/// </summary>
public static class LayoutFit
{
    /// <summary>
    /// Left and right ends of the character row, from the found characters laid onto the layout. The first and last
    /// found blobs are unreliable ends: a province character that fell apart into strokes is missing, a frame side or
    /// bolt beside the row is counted. Every pair of blobs assigned to every pair of slots gives a scale and offset;
    /// the layout that puts most blobs on slots wins, and its ends stand for the row even where the end characters
    /// were not seen. Null when fewer than <see cref="CentreFitOptions.MinInliers"/> blobs agree on one layout.
    /// </summary>
    /// <param name="characterBoxes">The found characters.</param>
    /// <param name="charHeight">Their height, in pixels.</param>
    /// <param name="located">Where the located box lies; equal counts go to the row that lies best within it.</param>
    public static (double Left, double Right)? FromCentres(IReadOnlyList<Rect> characterBoxes, double charHeight, Rect2d located, PlateLayout layout, CentreFitOptions options)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(options);
        var centres = characterBoxes.Select(r => r.X + r.Width / 2.0).ToArray();
        var slots = layout.Centres;
        double rowLength = layout.Span, pitch = layout.Pitch;
        double expected = charHeight / layout.CharacterHeight;
        int bestInliers = 0;
        double bestTie = double.MinValue, bestOffset = 0, bestScale = 0;
        for (int j = 0; j < centres.Length; j++)
        {
            for (int k = j + 1; k < centres.Length; k++)
            {
                for (int m = 0; m < slots.Count; m++)
                {
                    for (int n = m + 1; n < slots.Count; n++)
                    {
                        double scale = (centres[k] - centres[j]) / (slots[n] - slots[m]);
                        if (scale < options.MinScale * expected || scale > options.MaxScale * expected)
                        {
                            continue;
                        }

                        double offset = centres[j] - scale * slots[m];
                        int inliers = Refine(centres, slots, pitch, options, ref offset, ref scale);
                        if (inliers < bestInliers)
                        {
                            continue;
                        }

                        // Equal counts (a run of evenly spaced digits fits several slots) go to the row that lies
                        // best within the located box, which spans about the plate.
                        double rowLeft = offset, rowRight = offset + scale * rowLength;
                        double inside = Math.Min(rowRight, located.Right) - Math.Max(rowLeft, located.Left);
                        double tie = inside / (Math.Max(rowRight, located.Right) - Math.Min(rowLeft, located.Left));
                        if (inliers > bestInliers || tie > bestTie)
                        {
                            bestInliers = inliers;
                            bestTie = tie;
                            bestOffset = offset;
                            bestScale = scale;
                        }
                    }
                }
            }
        }

        if (bestInliers < options.MinInliers)
        {
            return null;
        }

        return (bestOffset, bestOffset + bestScale * rowLength);
    }

    /// <summary>
    /// Counts the slots of the layout (offset, scale) that hold a blob centre within the tolerance, and refits the
    /// layout to those blobs by least squares: two blobs alone fix the scale only to their own width's slack, which
    /// over a whole row is half a character.
    /// </summary>
    private static int Refine(double[] centres, IReadOnlyList<double> slots, double pitch, CentreFitOptions options, ref double offset, ref double scale)
    {
        double tolerance = options.Tolerance * pitch * scale;
        int count = 0;
        double sumX = 0, sumC = 0, sumCC = 0, sumCX = 0;
        foreach (double slot in slots)
        {
            double x = offset + scale * slot;
            double nearest = double.NaN, distance = tolerance;
            foreach (double c in centres)
            {
                if (Math.Abs(c - x) <= distance)
                {
                    distance = Math.Abs(c - x);
                    nearest = c;
                }
            }

            if (!double.IsNaN(nearest))
            {
                count++;
                sumX += nearest;
                sumC += slot;
                sumCC += slot * slot;
                sumCX += slot * nearest;
            }
        }

        double denominator = count * sumCC - sumC * sumC;
        if (count >= options.MinRefit && denominator > 0)
        {
            scale = (count * sumCX - sumC * sumX) / denominator;
            offset = (sumX - scale * sumC) / count;
        }

        return count;
    }

    /// <summary>
    /// Places the layout on a band by its column projection: the scale and origin under which the most ink lies inside
    /// character boxes and the least in the gaps between them. Fitting the whole layout at once is what survives
    /// touching characters, a Chinese character in pieces and a missing stroke, which defeat cutting at projection
    /// valleys one by one. Returns the boxes (left to right, spanning the band's rows), or null when the band holds
    /// too little ink to fit.
    /// </summary>
    /// <param name="projection">Ink in each column of the band.</param>
    /// <param name="bandTop">First row of the band.</param>
    /// <param name="bandHeight">Rows of the band: the characters' height.</param>
    public static Rect[]? FromProjection(double[] projection, int bandTop, int bandHeight, PlateLayout layout, ProjectionFitOptions options)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(options);
        var search = new LayoutFitSearch(projection, bandHeight, layout, options);
        if (search.Total < bandHeight * bandHeight * options.MinInk) return null;
        var (bestScore, bestScale, bestOrigin) = search.BranchAndBound();
        if (bestScore < options.MinFitShare * search.Total) return null;

        var boxes = new Rect[layout.Count];
        for (int i = 0; i < boxes.Length; i++)
        {
            double left = bestOrigin + layout.Slots[i].Offset * bestScale;
            boxes[i] = new Rect((int)Math.Round(left), bandTop, (int)Math.Round(layout.Slots[i].Width * bestScale), bandHeight);
        }
        return boxes;
    }
}
