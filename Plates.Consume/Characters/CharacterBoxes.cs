using OpenCvSharp;
using Plates.Consume.Imaging;

namespace Plates.Consume.Characters;

/// <summary>
/// The character-shaped blobs of a stroke mask (tall, narrow, not the full patch height) whose centres lie on one line.
/// Lights, grilles and signs give blobs of the wrong shape or scattered rows.
/// </summary>
public static class CharacterBoxes
{
    /// <summary>Boxes of the character-shaped components, left to right.</summary>
    /// <param name="characterMask">Binary mask, 255 on strokes.</param>
    /// <param name="options">The shape and row rules.</param>
    public static IReadOnlyList<Rect> Find(Mat characterMask, CharacterBoxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int rows = characterMask.Rows, cols = characterMask.Cols;
        var boxes = new List<Rect>();
        foreach (var c in Blobs.Find(characterMask))
        {
            int w = c.Bounds.Width, h = c.Bounds.Height;
            if (h < options.MinHeight * rows || h > options.MaxHeight * rows || w > options.MaxWidth * cols || w > options.MaxWidthToHeight * h)
            {
                continue;
            }

            if (c.Area < options.MinFill * w * h)
            {
                continue;
            }

            boxes.Add(c.Bounds);
        }

        if (boxes.Count == 0)
        {
            return boxes;
        }

        var centres = boxes.Select(r => r.Y + r.Height / 2.0).Order().ToArray();
        double medianCentre = centres[centres.Length / 2];
        var heights = boxes.Select(r => (double)r.Height).Order().ToArray();
        double medianHeight = heights[heights.Length / 2];
        return boxes
            .Where(r => Math.Abs(r.Y + r.Height / 2.0 - medianCentre) <= options.MaxCentreOffset * rows)
            .Where(r => Math.Abs(r.Height - medianHeight) <= options.MaxHeightDeviation * medianHeight)
            .OrderBy(r => r.X)
            .ToArray();
    }

    /// <summary>Number of characters <see cref="Find"/> sees.</summary>
    public static int Count(Mat characterMask, CharacterBoxOptions options) => Find(characterMask, options).Count;
}
