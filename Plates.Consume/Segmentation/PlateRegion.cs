using OpenCvSharp;
using Plates.Consume.Colour;

namespace Plates.Consume.Segmentation;

/// <summary>Finds the plate inside a loose box by its background hue.</summary>
public static class PlateRegion
{
    /// <summary>
    /// The part of a loosely cropped image covered by the plate: the rows, then the columns, in which the plate's
    /// background hue (<see cref="PlateColours.BackgroundPixels"/>) covers a good share. Returns the whole image for
    /// plates without a distinctive hue (white, black, unknown) or when the coloured part is too small to be the plate.
    /// Cutting there first makes a locator's loose box look like the tight crops the rest of the pipeline expects:
    /// bumpers and frames no longer pass for characters.
    /// </summary>
    public static Rect Find(Mat plateBgr, PlateColor color, PlateColours colours, BinariseOptions options)
    {
        ArgumentNullException.ThrowIfNull(plateBgr);
        ArgumentNullException.ThrowIfNull(colours);
        ArgumentNullException.ThrowIfNull(options);
        var whole = new Rect(0, 0, plateBgr.Cols, plateBgr.Rows);
        if (colours.BackgroundPixels(plateBgr, color) is not { } plate) return whole;
        int width = plateBgr.Cols, height = plateBgr.Rows;

        double Share(int x0, int x1, int y0, int y1)
        {
            int count = 0;
            for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
                count += plate[y * width + x] != 0 ? 1 : 0;
            return count / (double)Math.Max(1, (x1 - x0) * (y1 - y0));
        }

        int top = 0, bottom = height - 1;
        int inset = (int)(width * options.RowColumnsInset);
        int innerLeft = inset, innerRight = width - inset;
        while (top < height / 2 && Share(innerLeft, innerRight, top, top + 1) < options.MinPlateRowShare) top++;
        while (bottom > height / 2 && Share(innerLeft, innerRight, bottom, bottom + 1) < options.MinPlateRowShare) bottom--;
        if (bottom - top + 1 < options.MinRegionShare * height) return whole;

        int left = 0, right = width - 1;
        while (left < width / 2 && Share(left, left + 1, top, bottom + 1) < options.MinPlateColumnShare) left++;
        while (right > width / 2 && Share(right, right + 1, top, bottom + 1) < options.MinPlateColumnShare) right--;
        if (right - left + 1 < options.MinRegionShare * width) return whole;

        int marginX = Math.Max(1, (int)(width * options.RegionMarginX)), marginY = Math.Max(1, (int)(height * options.RegionMarginY));
        var region = new Rect(left - marginX, top - marginY, right - left + 1 + 2 * marginX, bottom - top + 1 + 2 * marginY);
        return region.Intersect(whole);
    }
}
