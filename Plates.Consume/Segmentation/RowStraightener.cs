using System.Buffers;
using OpenCvSharp;
using Plates.Consume.Characters;
using Plates.Consume.Imaging;

namespace Plates.Consume.Segmentation;

/// <summary>
/// Measures and removes a plate's baseline tilt and its characters' slant, both with the shared projection-sharpness
/// search (<see cref="ShearSearch"/>): the deskewer has already turned the plate by its box, and these finish what a
/// box angle and its shear could not.
/// </summary>
public static class RowStraightener
{
    /// <summary>
    /// Baseline tilt of a binarised plate, in vertical pixels per horizontal pixel (positive: the text descends to the
    /// right). Chosen as the vertical shear under which the row projection of stroke edges (left-right transitions) is
    /// sharpest: the character band then falls into as few rows as possible. Edges rather than ink, because bright
    /// scenery around a loose crop is ink without edges and would otherwise steer the choice.
    /// </summary>
    public static double EstimateTilt(Mat binary, StraightenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bits = BinaryBits.FromMat(binary);
        int width = binary.Cols, height = binary.Rows;
        double centreX = (width - 1) / 2.0;
        // Under tilt t an edge at (x, y) falls in row y − t·(x − centreX): each column is a line that moves as one.
        var edges = new ShearLines();
        for (int x = 1; x < width; x++)
        {
            edges.AddLine(-(x - centreX));
            for (int y = 0; y < height; y++)
                if (bits[y * width + x] != bits[y * width + x - 1]) edges.Vote(y);
        }
        double tilt = ShearSearch.Best(edges, 1, height + 2, options.Tilt);
        // To the grid's own decimals: the products of the search carry float noise.
        return Math.Round(tilt, 2);
    }

    /// <summary>
    /// Character slant inside the rows <paramref name="band"/>, in horizontal pixels per vertical pixel (positive: tops lean
    /// right). Chosen as the horizontal shear under which the column projection is sharpest: upright strokes stack up and
    /// the gaps between characters empty.
    /// </summary>
    public static double EstimateSlant(Mat binary, CharacterBand band, StraightenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bits = BinaryBits.FromMat(binary);
        int width = binary.Cols, height = binary.Rows;
        // Only character-sized blobs vote: scenery and frame remnants are large and their sides are not strokes.
        // Labelled on the band's inner rows only: characters touching the frame would otherwise join into one blob.
        int margin = Math.Max(1, (int)(band.Height * options.SlantInset));
        var inner = new CharacterBand(band.Top + margin, band.Bottom - margin);
        var innerRows = new Rect(0, inner.Top, width, inner.Height).Intersect(new Rect(0, 0, width, height));
        int[] labels = ArrayPool<int>.Shared.Rent(width * height);
        try
        {
            var components = Blobs.Find(bits, width, height, innerRows, labels.AsSpan());
            var isCharacter = components.Select(c => IsCharacterLike(c, inner, options)).ToArray();
            int characterInk = components.Where((c, i) => isCharacter[i]).Sum(c => c.Area);
            // When the characters are run together into one blob (by a frame line, say), every blob fails the test; all
            // ink then votes. Only the inner rows vote, so only they are cleared.
            if (characterInk >= options.MinCharacterInkShare * components.Sum(c => c.Area))
                for (int i = innerRows.Top * width; i < innerRows.Bottom * width; i++)
                    if (bits[i] != 0 && (labels[i] == 0 || !isCharacter[labels[i] - 1])) bits[i] = 0;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(labels);
        }
        double centreY = (band.Top + band.Bottom) / 2.0;
        // Under slant s an ink pixel at (x, y) falls in column x + s·(y − centreY): each row is a line that moves as one.
        var ink = new ShearLines();
        for (int y = Math.Max(0, inner.Top); y <= Math.Min(height - 1, inner.Bottom); y++)
        {
            ink.AddLine(-(centreY - y));
            for (int x = 0; x < width; x++)
                if (bits[y * width + x] != 0) ink.Vote(x);
        }
        double slant = ShearSearch.Best(ink, 1, width + 2, options.Slant);
        return Math.Round(slant, 3);
    }

    /// <summary>A blob the size of a character, or of a few characters run together.</summary>
    private static bool IsCharacterLike(Component c, CharacterBand band, StraightenOptions options) =>
        c.Bounds.Height >= options.CharacterMinHeight * band.Height && c.Bounds.Width <= options.CharacterMaxWidth * band.Height
        && c.Area <= options.CharacterMaxFill * c.Bounds.Width * c.Bounds.Height;

    /// <summary>Removes a baseline tilt: shifts each column vertically about the image centre. The caller owns the result.</summary>
    public static Mat Untilt(Mat image, double tilt) =>
        AffineMap.VerticalShear(tilt, (image.Cols - 1) / 2.0).Warp(image, image.Size(), InterpolationFlags.Linear, BorderTypes.Replicate);

    /// <summary>Removes a character slant: shifts each row horizontally about <paramref name="centreY"/>. The caller owns the result.</summary>
    public static Mat Unslant(Mat image, double slant, double centreY) =>
        AffineMap.HorizontalShear(slant, centreY).Warp(image, image.Size(), InterpolationFlags.Linear, BorderTypes.Replicate);
}
