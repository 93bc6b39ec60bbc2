using OpenCvSharp;
using Plates.Consume.Deskew;

namespace Plates.Consume.Localisation;

/// <summary>What an upright patch shows that makes it look like a plate or not.</summary>
/// <param name="Colour">Background colour class of the patch.</param>
/// <param name="ColourFraction">Fraction of the patch in that colour's range.</param>
/// <param name="CharacterBlobs">Connected components of character size and position, on one line.</param>
/// <param name="Transitions">Mean foreground/background changes along the middle rows.</param>
public readonly record struct PlateEvidence(PlateColor Colour, double ColourFraction, int CharacterBlobs, double Transitions);

/// <summary>Scores proposals by looking at their content: a plate is a coloured band holding a row of 5–8 characters.</summary>
public static class CandidateVerifier
{
    /// <summary>Size of the patch proposals are judged on: EasyPR's plate size, big enough for characters to separate.</summary>
    public static readonly Size PatchSize = new(136, 36);

    /// <summary>
    /// Cuts a rotated box out of an image into an upright patch of the given size (the caller disposes it).
    /// The box's long side becomes the patch width, its top edge the patch top.
    /// </summary>
    public static Mat Warp(Mat image, RotatedRect box, Size size)
    {
        var c = RotatedBoxes.Corners(box);
        Point2f[] src = [c[0], c[1], c[3]];
        Point2f[] dst = [new(0, 0), new(size.Width, 0), new(0, size.Height)];
        using var m = Cv2.GetAffineTransform(src, dst);
        var patch = new Mat();
        Cv2.WarpAffine(image, patch, m, size, InterpolationFlags.Linear, BorderTypes.Replicate);
        return patch;
    }

    /// <summary>Measures an upright BGR patch of <see cref="PatchSize"/>.</summary>
    /// <param name="bgrPatch">The patch.</param>
    /// <param name="minCharacterBlobs">
    /// Below this many characters the patch cannot be a readable plate, so colour and transitions are not measured
    /// (they stay Unknown and 0): most proposals are rejected this way at the price of one threshold and labelling.
    /// </param>
    /// <param name="boxAngle">Angle of the box the patch was cut from, degrees off horizontal (see <see cref="SteepBoxDegrees"/>).</param>
    public static PlateEvidence Measure(Mat bgrPatch, int minCharacterBlobs = 0, double boxAngle = 0)
    {
        var characters = CharacterMask(bgrPatch, PlateColor.Unknown, out int blobs);
        try
        {
            if (blobs < minCharacterBlobs && (blobs + 2 >= minCharacterBlobs || Math.Abs(boxAngle) >= SteepBoxDegrees))
            {
                // A plate seen from the side has slanted characters whose boxes are too wide and touch each other.
                // Standing them upright is only worth trying where a few characters already showed, or on a steep box,
                // where the slant can be so strong that no character shows until it is removed.
                double shear = PlateDeskewer.EstimateShearFromEdges(bgrPatch);
                if (Math.Abs(shear) >= 0.15)
                {
                    using var upright = Unshear(bgrPatch, shear);
                    var uprightCharacters = CharacterMask(upright, PlateColor.Unknown, out int uprightBlobs);
                    if (uprightBlobs > blobs)
                    {
                        characters.Dispose();
                        characters = uprightCharacters;
                        blobs = uprightBlobs;
                    }
                    else
                    {
                        uprightCharacters.Dispose();
                    }
                }
            }

            if (blobs < minCharacterBlobs)
            {
                return new PlateEvidence(PlateColor.Unknown, 0, blobs, 0);
            }

            var (colour, fraction) = ClassifyColour(bgrPatch);
            return new PlateEvidence(colour, fraction, blobs, MeanTransitions(characters));
        }
        finally
        {
            characters.Dispose();
        }
    }

    /// <summary>
    /// The patch's background colour and its share of the patch (<see cref="PlateColours.Classify"/>), looking past
    /// under-exposure. The hue ranges have value floors, so a dim plate's colour is misjudged two ways: a yellow plate in
    /// a dim photo is classed Black, which tells the segmenter its characters are bright, the wrong way round; and a
    /// blue one recognised by the looser hue test covers almost nothing of the strict range the score counts. So a
    /// patch classed Black is classed again brightened (<see cref="PlateExposure"/>), and the colour found then is kept
    /// if it is a plate colour; and a plate colour's share is measured on the brightened patch too, keeping the larger.
    /// A patch that shows no plate colour even brightened stays Black: that is also what a dim blue plate whose hue
    /// the dark has washed out is best read as. (Measured: classing every patch brightened lost a plate of the scenes,
    /// a dim blue one then classed Unknown. This way the scenes and crops are unchanged; on the scenes darkened by a
    /// gain of 0.5 and 0.35, plates found rose from 122 to 125 and from 120 to 123, and by ImageMagick's -modulate 65
    /// and 50 from 123 to 124 and from 112 to 114.)
    /// </summary>
    public static (PlateColor Colour, double Fraction) ClassifyColour(Mat bgrPatch)
    {
        var classified = PlateColours.Classify(bgrPatch);
        bool plateColour = PlateColours.Saturated.Contains(classified.Colour);
        if (!plateColour && classified.Colour != PlateColor.Black)
        {
            return classified;
        }

        using var exposed = PlateExposure.Normalise(bgrPatch);
        if (plateColour)
        {
            using var hsv = new Mat();
            Cv2.CvtColor(exposed, hsv, ColorConversionCodes.BGR2HSV);
            return (classified.Colour, Math.Max(classified.Fraction, PlateColours.Fraction(hsv, classified.Colour)));
        }

        var lit = PlateColours.Classify(exposed);
        return PlateColours.Saturated.Contains(lit.Colour) ? lit : classified;
    }

    /// <summary>
    /// A box this far off horizontal is a plate seen at a strong angle: its characters keep standing nearly upright in
    /// the photo, so across the box they lean by about the box's angle, merge, and none counts until the lean is
    /// removed. Level boxes, nearly all proposals, are spared that retry.
    /// </summary>
    public const double SteepBoxDegrees = 25;

    /// <summary>The patch with rows shifted sideways by <paramref name="shear"/> per row about its middle (a new Mat).</summary>
    public static Mat Unshear(Mat patch, double shear)
    {
        var affine = PlateDeskewer.ShearTransform(shear, patch.Rows / 2.0);
        using var m = Mat.FromPixelData(2, 3, MatType.CV_64FC1, affine);
        var result = new Mat();
        Cv2.WarpAffine(patch, result, m, patch.Size(), InterpolationFlags.Linear, BorderTypes.Replicate);
        return result;
    }

    /// <inheritdoc cref="CharacterMask(Mat, PlateColor, out int, bool)"/>
    public static Mat CharacterMask(Mat bgrPatch, PlateColor colour) => CharacterMask(bgrPatch, colour, out _);

    /// <summary>
    /// Binary mask, 255 on character strokes, with the plate frame removed. Otsu separates strokes from background.
    /// The colour could tell which side is the strokes, but washed-out plates are often misclassified, so bright and
    /// dark strokes (and, where grey is inconclusive, white strokes in the channel minimum) are all tried and the
    /// mask showing the most characters wins.
    /// </summary>
    /// <param name="bgrPatch">Upright plate patch.</param>
    /// <param name="colour">Plate colour if known; only breaks ties between the polarities.</param>
    /// <param name="characterBlobs">Characters found in the returned mask (<see cref="CountCharacterBlobs"/>).</param>
    /// <param name="thorough">
    /// Also try the channel minimum when grey shows no character at all: worth it for a patch already known to be a
    /// plate, not for the many proposals that are not.
    /// </param>
    public static Mat CharacterMask(Mat bgrPatch, PlateColor colour, out int characterBlobs, bool thorough = false)
    {
        using var gray = new Mat();
        Cv2.CvtColor(bgrPatch, gray, ColorConversionCodes.BGR2GRAY);
        var bright = Binarise(gray, ThresholdTypes.Binary);
        using var dark = Binarise(gray, ThresholdTypes.BinaryInv);
        RemoveFrame(bright);
        RemoveFrame(dark);
        int brightCount = CountCharacterBlobs(bright);
        int darkCount = CountCharacterBlobs(dark);

        // White strokes are bright in every channel while any plate colour is dark in at least one, so the per-pixel
        // minimum separates them on teal or washed-out plates whose grey level matches the strokes'. Not needed when
        // grey already shows a full row, nor when grey shows nothing character-like at all (flat or cluttered patches).
        int greyBest = Math.Max(brightCount, darkCount);
        if (greyBest < 5 && (thorough || greyBest >= 1))
        {
            using var lowest = new Mat();
            using var channel = new Mat();
            Cv2.ExtractChannel(bgrPatch, lowest, 0);
            for (int c = 1; c < 3; c++)
            {
                Cv2.ExtractChannel(bgrPatch, channel, c);
                Cv2.Min(lowest, channel, lowest);
            }

            using var white = Binarise(lowest, ThresholdTypes.Binary);
            RemoveFrame(white);
            int whiteCount = CountCharacterBlobs(white);
            if (whiteCount > brightCount)
            {
                white.CopyTo(bright);
                brightCount = whiteCount;
            }
        }

        bool preferDark = PlateColours.HasDarkCharacters(colour);
        bool useDark = darkCount > brightCount || (darkCount == brightCount && preferDark);
        characterBlobs = useDark ? darkCount : brightCount;
        if (useDark)
        {
            dark.CopyTo(bright);
        }

        return bright;
    }

    /// <summary>
    /// Binary mask, 255 on dark strokes, from a threshold against the local mean over about half the patch height,
    /// with the frame removed. Otsu over a loose box can split the plate from what surrounds it rather than strokes
    /// from plate (a yellow two-row plate on a white bus, between lamps); the local threshold compares each stroke
    /// with its own plate background.
    /// </summary>
    public static Mat LocalDarkStrokes(Mat bgrPatch)
    {
        using var gray = new Mat();
        Cv2.CvtColor(bgrPatch, gray, ColorConversionCodes.BGR2GRAY);
        int block = Math.Max(3, gray.Rows / 2) | 1;
        var mask = new Mat();
        Cv2.AdaptiveThreshold(gray, mask, 255, AdaptiveThresholdTypes.MeanC, ThresholdTypes.BinaryInv, block, LocalContrast);
        RemoveFrame(mask);
        return mask;
    }

    /// <summary>Grey levels a stroke must lie below its neighbourhood's mean in <see cref="LocalDarkStrokes"/>: flat areas stay empty.</summary>
    private const double LocalContrast = 6;

    /// <summary>
    /// Otsu binarisation with the threshold taken from the central band only: a loose box brings in car body or
    /// bumper above and below, and Otsu over the whole patch would then split plate from car instead of strokes from plate.
    /// </summary>
    public static Mat Binarise(Mat singleChannel, ThresholdTypes type)
    {
        var band = new Rect(singleChannel.Cols / 10, singleChannel.Rows / 4, singleChannel.Cols * 8 / 10, singleChannel.Rows / 2);
        double threshold;
        using (var central = new Mat(singleChannel, band))
        using (var ignored = new Mat())
        {
            threshold = Cv2.Threshold(central, ignored, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        }

        var binary = new Mat();
        Cv2.Threshold(singleChannel, binary, threshold, 255, type);
        return binary;
    }

    /// <summary>
    /// Clears, in place, rows that are mostly foreground (the top and bottom of a plate frame, a bumper edge) and
    /// columns near the ends that are mostly foreground (the frame sides). Characters touching the frame would
    /// otherwise merge with it into one large blob and stop counting as characters.
    /// </summary>
    public static void RemoveFrame(Mat mask)
    {
        int rows = mask.Rows, cols = mask.Cols;
        using var rowSums = new Mat();
        Cv2.Reduce(mask, rowSums, ReduceDimension.Column, ReduceTypes.Avg, MatType.CV_32F);
        rowSums.GetArray(out float[] rowMeans);
        for (int y = 0; y < rows; y++)
        {
            if (rowMeans[y] > 0.6 * 255)
            {
                Cv2.Line(mask, new Point(0, y), new Point(cols - 1, y), Scalar.All(0));
            }
        }

        using var colSums = new Mat();
        Cv2.Reduce(mask, colSums, ReduceDimension.Row, ReduceTypes.Avg, MatType.CV_32F);
        colSums.GetArray(out float[] colMeans);
        int margin = cols / 10;
        for (int x = 0; x < cols; x++)
        {
            if ((x < margin || x >= cols - margin) && colMeans[x] > 0.7 * 255)
            {
                Cv2.Line(mask, new Point(x, 0), new Point(x, rows - 1), Scalar.All(0));
            }
        }
    }

    /// <summary>
    /// Number of connected components shaped like characters (tall, narrow, not the full patch height) whose centres lie
    /// on one line. Lights, grilles and signs give blobs of the wrong shape or scattered rows.
    /// </summary>
    public static int CountCharacterBlobs(Mat characterMask) => CharacterBoxes(characterMask).Count;

    /// <summary>Boxes of the character-shaped components counted by <see cref="CountCharacterBlobs"/>, left to right.</summary>
    /// <param name="characterMask">Binary mask, 255 on strokes.</param>
    /// <param name="minHeightFraction">Shortest character as a fraction of the mask height; lower it for patches cut with a wide margin.</param>
    public static IReadOnlyList<Rect> CharacterBoxes(Mat characterMask, double minHeightFraction = 0.3)
    {
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        int n = Cv2.ConnectedComponentsWithStats(characterMask, labels, stats, centroids, PixelConnectivity.Connectivity8);
        int rows = characterMask.Rows, cols = characterMask.Cols;
        // One copy of the statistics table instead of an element access per field and component: noisy patches
        // have hundreds of components.
        stats.GetArray(out int[] table);
        int stride = stats.Cols;
        var boxes = new List<Rect>();
        for (int i = 1; i < n; i++)
        {
            int row = i * stride;
            int w = table[row + (int)ConnectedComponentsTypes.Width];
            int h = table[row + (int)ConnectedComponentsTypes.Height];
            int area = table[row + (int)ConnectedComponentsTypes.Area];
            if (h < minHeightFraction * rows || h > 0.95 * rows || w > 0.16 * cols || w > 1.2 * h)
            {
                continue;
            }

            // A character fills a fair share of its box; long thin diagonals and frame corners do not.
            if (area < 0.15 * w * h)
            {
                continue;
            }

            boxes.Add(new Rect(table[row + (int)ConnectedComponentsTypes.Left], table[row + (int)ConnectedComponentsTypes.Top], w, h));
        }

        if (boxes.Count == 0)
        {
            return boxes;
        }

        // Printed characters share one baseline and one height; blobs split out of noise, texture or a grille's
        // reflections scatter in both.
        var centres = boxes.Select(r => r.Y + r.Height / 2.0).Order().ToArray();
        double medianCentre = centres[centres.Length / 2];
        var heights = boxes.Select(r => (double)r.Height).Order().ToArray();
        double medianHeight = heights[heights.Length / 2];
        return boxes
            .Where(r => Math.Abs(r.Y + r.Height / 2.0 - medianCentre) <= 0.15 * rows)
            .Where(r => Math.Abs(r.Height - medianHeight) <= 0.3 * medianHeight)
            .OrderBy(r => r.X)
            .ToArray();
    }

    /// <summary>Mean number of value changes along the rows at 35 %, 50 % and 65 % of the height.</summary>
    public static double MeanTransitions(Mat characterMask)
    {
        double total = 0;
        double[] levels = [0.35, 0.5, 0.65];
        int rows = characterMask.Rows;
        foreach (double level in levels)
        {
            // Three rows only: a submatrix per row costs nothing worth avoiding, and Clone makes it continuous for GetArray.
#pragma warning disable OCVS003
            using var line = characterMask.Row((int)(level * rows));
#pragma warning restore OCVS003
            using var copy = line.Clone();
            copy.GetArray(out byte[] values);
            int changes = 0;
            for (int x = 1; x < values.Length; x++)
            {
                if (values[x] != values[x - 1])
                {
                    changes++;
                }
            }

            total += changes;
        }

        return total / levels.Length;
    }

    /// <summary>
    /// Plate-likeness in 0..1. Characters weigh most because they are what the recogniser needs; colour confirms a
    /// plate background; the transition count penalises both flat regions and dense texture such as foliage or grilles.
    /// </summary>
    public static double Score(PlateEvidence evidence, double aspect)
    {
        double characters = Math.Clamp((evidence.CharacterBlobs - 2) / 4.0, 0, 1);
        double transitions = evidence.Transitions switch
        {
            < 6 => 0,
            < 10 => (evidence.Transitions - 6) / 4,
            <= 40 => 1,
            < 60 => (60 - evidence.Transitions) / 20,
            _ => 0,
        };
        double colour = evidence.Colour is PlateColor.Blue or PlateColor.Yellow or PlateColor.Green
            ? Math.Clamp(evidence.ColourFraction / 0.5, 0, 1)
            : evidence.Colour is PlateColor.White or PlateColor.Black ? 0.4 : 0;
        double shape = aspect switch
        {
            < 2 => 0.6,
            < 2.5 => 0.85,
            <= 5 => 1,
            _ => 0.75,
        };
        return shape * (0.5 * characters + 0.2 * transitions + 0.3 * colour);
    }
}
