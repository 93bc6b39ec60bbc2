using OpenCvSharp;
using Plates.Consume.Colour;
using Plates.Consume.Imaging;

namespace Plates.Consume.Localisation;

/// <summary>
/// Cheap, recall-first searches for plate-shaped regions of a working-size image. They propose far more than there are
/// plates; <see cref="CandidateVerifier"/> decides.
/// </summary>
public static class CandidateProposals
{
    /// <summary>
    /// Boxes of connected regions of one plate background colour. A small close first bridges the gaps that the
    /// characters and the dot cut into the background, so a plate comes out as one blob even when only its thin top
    /// and bottom margins join the pieces.
    /// </summary>
    public static IReadOnlyList<RotatedRect> FromColour(Mat hsv, PlateColor colour, PlateLocatorOptions options)
    {
        using var mask = options.Colours.Mask(hsv, colour);
        var boxes = new List<RotatedRect>(ColourBlobs(mask, hsv.Size(), options));
        if (colour == PlateColor.Blue)
        {
            // Blue, the commonest plate, again in two narrower bands of saturation (PlateColours.VividBlue, PaleBlue):
            // a plate on a navy car merges with it in the standard range, a dusty plate falls below its floor.
            using var vivid = PlateColours.Mask(hsv, options.Colours.VividBlue);
            boxes.AddRange(ColourBlobs(vivid, hsv.Size(), options));
            using var pale = PlateColours.Mask(hsv, options.Colours.PaleBlue);
            boxes.AddRange(ColourBlobs(pale, hsv.Size(), options));
        }

        return boxes;
    }

    /// <summary>
    /// The HSV image with its value channel scaled so that its mean becomes <see cref="ProposalOptions.BrightenedMeanValue"/>,
    /// or null when the photo is not dark (<see cref="ProposalOptions.DarkPhotoMeanValue"/>). A gain, not an equalisation: it keeps the
    /// order and ratios of brightness, so a plate stays brighter than the shadowed body around it, and hue and
    /// saturation are untouched. The caller disposes the result.
    /// </summary>
    public static Mat? BrightenedIfDark(Mat hsv, ProposalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        double meanValue = Cv2.Mean(hsv).Val2;
        if (meanValue >= options.DarkPhotoMeanValue)
        {
            return null;
        }

        var channels = Cv2.Split(hsv);
        try
        {
            channels[2].ConvertTo(channels[2], MatType.CV_8U, options.BrightenedMeanValue / Math.Max(meanValue, 1));
            var brightened = new Mat();
            Cv2.Merge(channels, brightened);
            return brightened;
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    /// <summary>Boxes of the blobs of a colour mask after a small close.</summary>
    public static IReadOnlyList<RotatedRect> ColourBlobs(Mat mask, Size imageSize, PlateLocatorOptions options)
    {
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, options.Proposals.ColourClose);
        using var closed = new Mat();
        Cv2.MorphologyEx(mask, closed, MorphTypes.Close, kernel);
        return Boxes(closed, imageSize, options, options.Proposals.ColourMinFill);
    }

    /// <summary>
    /// Boxes of regions dense in vertical edges: the strokes of seven characters in a row are the strongest such
    /// texture in a street photo. Sobel-x keeps vertical strokes (and drops the horizontal bumper and window lines);
    /// a wide, flat close fuses the strokes of neighbouring characters into one plate-shaped blob.
    /// </summary>
    public static IReadOnlyList<RotatedRect> FromEdges(Mat gray, PlateLocatorOptions options)
    {
        var boxes = new List<RotatedRect>(EdgeBlobs(gray, options, splitRows: true));

        // Again after local contrast equalisation: in dusk and night photos the plate's strokes are faint next to
        // lamps and sky, and one global edge threshold keeps only the latter. Not instead of the plain pass, because
        // equalisation also lifts glare and texture around well-lit plates until they merge with them.
        using var clahe = Cv2.CreateCLAHE(options.Proposals.ClaheClipLimit, options.Proposals.ClaheTiles);
        using var equalised = new Mat();
        clahe.Apply(gray, equalised);
        // Its blobs are not split into rows: a stacked plate bright enough to be read shows its rows in the plain pass
        // already, and splitting this pass's blobs too was measured slower for nothing more read (README, "Stacked
        // plates split into rows").
        boxes.AddRange(EdgeBlobs(equalised, options, splitRows: false));
        return boxes;
    }

    /// <summary>One pass of the vertical-edge search: Sobel-x, Otsu, wide close, small open, contour boxes.</summary>
    /// <param name="gray">The working image, grey.</param>
    /// <param name="options">The locator's settings.</param>
    /// <param name="splitRows">Whether blobs of stacked plates are also split into their rows (<see cref="RowSplitBoxes"/>).</param>
    public static IReadOnlyList<RotatedRect> EdgeBlobs(Mat gray, PlateLocatorOptions options, bool splitRows = false)
    {
        using var blurred = new Mat();
        Cv2.GaussianBlur(gray, blurred, options.Proposals.EdgeBlur, 0);
        using var binary = VerticalEdges.Find(blurred);
        using var closeKernel = Cv2.GetStructuringElement(MorphShapes.Rect, options.Proposals.EdgeClose);
        using var closed = new Mat();
        Cv2.MorphologyEx(binary, closed, MorphTypes.Close, closeKernel);
        // The open removes thin edge lines (poles, window frames) that the close has only lengthened.
        using var openKernel = Cv2.GetStructuringElement(MorphShapes.Rect, options.Proposals.EdgeOpen);
        using var opened = new Mat();
        Cv2.MorphologyEx(closed, opened, MorphTypes.Open, openKernel);
        Cv2.FindContours(opened, out Point[][] contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        var boxes = new List<RotatedRect>(Boxes(contours, gray.Size(), options, options.Proposals.EdgeMinFill));
        if (splitRows && options.Proposals.RowSplitFill > 0)
        {
            boxes.AddRange(RowSplitBoxes(opened, contours, gray.Size(), options));
        }

        return boxes;
    }

    /// <summary>
    /// Boxes of the rows of edge blobs too tall to be one plate that stack plates: a plate under another one (a
    /// Guangdong–Hong Kong truck carries both) is joined to it through a few bolts or strokes, and the blob is then no
    /// plate's shape. Each such blob's rows filled under <see cref="ProposalOptions.RowSplitFill"/> of its fullest row
    /// are cleared and what is left is boxed as usual; where two or more of those boxes are at least
    /// <see cref="ProposalOptions.RowSplitMinLength"/> of the blob's width, they are proposed, grown by
    /// <see cref="ProposalOptions.RowSplitGrowth"/> (those still of a plate's size and shape).
    /// </summary>
    /// <param name="blobs">The binary image of the edge blobs.</param>
    /// <param name="contours">Its outer contours.</param>
    /// <param name="imageSize">The working image's size, which bounds a plate's length.</param>
    /// <param name="options">The locator's settings.</param>
    public static IReadOnlyList<RotatedRect> RowSplitBoxes(Mat blobs, IReadOnlyList<Point[]> contours, Size imageSize, PlateLocatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(contours);
        ArgumentNullException.ThrowIfNull(options);
        var boxes = new List<RotatedRect>();
        var growth = options.Proposals.RowSplitGrowth;
        for (int i = 0; i < contours.Count; i++)
        {
            var bounds = Cv2.BoundingRect(contours[i]);
            // Too flat, it is one plate's shape already. Higher than long, it is left whole too: the kinds photo's
            // stacked pair is 213 × 119 working pixels, and a build that also split such blobs (and the equalised
            // pass's) cost about 3 ms a photo more and a plate within one error on a probe (README, "Stacked plates
            // split into rows").
            if (bounds.Width < options.MinPlateWidth || bounds.Height < 2 * options.Proposals.MinPlateHeight
                || bounds.Width >= options.MinAspect * bounds.Height || bounds.Height > bounds.Width)
            {
                continue;
            }

            // The blob alone: its contour filled, and the blobs' pixels inside it.
            using var blob = new Mat(bounds.Size, MatType.CV_8UC1, Scalar.All(0));
            Cv2.DrawContours(blob, [contours[i]], 0, Scalar.All(255), -1, LineTypes.Link8, null, int.MaxValue, new Point(-bounds.X, -bounds.Y));
            using (var region = new Mat(blobs, bounds))
            {
                Cv2.BitwiseAnd(blob, region, blob);
            }

            ClearThinRows(blob, options.Proposals.RowSplitFill);
            Cv2.FindContours(blob, out Point[][] rowContours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple, new Point(bounds.X, bounds.Y));
            // Stacked plates are rows about as long as the blob; a two-row plate's upper row is about half its lower
            // one (GA 36), and a date stamp or badge beside scenery leaves one such row: those blobs are left whole.
            var stacked = Boxes(rowContours, imageSize, options, options.Proposals.EdgeMinFill)
                .Where(b => b.Size.Width >= options.Proposals.RowSplitMinLength * bounds.Width)
                .ToArray();
            if (stacked.Length < 2)
            {
                continue;
            }

            // The rows cleared at a row's own top and bottom held the characters' thin ends: the box is grown back.
            boxes.AddRange(stacked
                .Select(b => new RotatedRect(b.Center, new Size2f(b.Size.Width * growth.Width, b.Size.Height * growth.Height), b.Angle))
                .Where(b => IsPlausible(b, imageSize, options)));
        }

        return boxes;
    }

    /// <summary>Clears the rows of a binary blob image filled under <paramref name="fill"/> of its fullest row.</summary>
    private static void ClearThinRows(Mat blob, double fill)
    {
        using var rowSums = new Mat();
        Cv2.Reduce(blob, rowSums, ReduceDimension.Column, ReduceTypes.Sum, MatType.CV_32S);
        rowSums.GetArray(out int[] sums);
        double thin = fill * sums.Max();
        for (int y = 0; y < sums.Length; y++)
        {
            if (sums[y] >= thin)
            {
                continue;
            }

            int from = y;
            while (y + 1 < sums.Length && sums[y + 1] < thin)
            {
                y++;
            }

            using var rows = blob.RowRange(from, y + 1);
            rows.SetTo(Scalar.All(0));
        }
    }

    /// <summary>Whether a normalised box has the size and shape a plate can have in an image of the given size.</summary>
    public static bool IsPlausible(RotatedRect box, Size imageSize, PlateLocatorOptions options)
    {
        var b = RotatedBoxes.Normalise(box);
        float w = b.Size.Width, h = b.Size.Height;
        if (h < options.Proposals.MinPlateHeight || w < options.MinPlateWidth || w > options.MaxPlateWidthFraction * imageSize.Width)
        {
            return false;
        }

        double aspect = w / h;
        return aspect >= options.MinAspect && aspect <= options.MaxAspect;
    }

    /// <summary>Plausible minimum-area boxes of the outer contours of a binary image; <paramref name="minFill"/> drops ragged blobs.</summary>
    public static IReadOnlyList<RotatedRect> Boxes(Mat binary, Size imageSize, PlateLocatorOptions options, double minFill)
    {
        Cv2.FindContours(binary, out Point[][] contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        return Boxes(contours, imageSize, options, minFill);
    }

    /// <summary>Plausible minimum-area boxes of outer contours; <paramref name="minFill"/> drops ragged blobs.</summary>
    public static IReadOnlyList<RotatedRect> Boxes(IReadOnlyList<Point[]> contours, Size imageSize, PlateLocatorOptions options, double minFill)
    {
        ArgumentNullException.ThrowIfNull(contours);
        var boxes = new List<RotatedRect>();
        double minArea = options.MinPlateWidth * options.MinPlateWidth / options.MaxAspect;
        foreach (var contour in contours)
        {
            if (contour.Length < 4)
            {
                continue;
            }

            double area = Cv2.ContourArea(contour);
            if (area < minArea)
            {
                continue;
            }

            var box = RotatedBoxes.Normalise(Cv2.MinAreaRect(contour));
            if (!IsPlausible(box, imageSize, options))
            {
                continue;
            }

            if (area / (box.Size.Width * box.Size.Height) < minFill)
            {
                continue;
            }

            boxes.Add(box);
        }

        return boxes;
    }
}
