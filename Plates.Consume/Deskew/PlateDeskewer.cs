using OpenCvSharp;
using Plates.Consume.Localisation;

namespace Plates.Consume.Deskew;

/// <summary>
/// Cuts a located plate out of its photo as an upright, tightly cropped image of fixed size: rotation removed by the
/// box, horizontal shear (perspective of a plate seen from the side) removed by making the characters stand upright,
/// and borders moved to the character row. All three are composed into one affine map so the photo is resampled once.
/// </summary>
public sealed class PlateDeskewer
{
    /// <summary>Size of every extracted plate: EasyPR's 136×36.</summary>
    public static readonly Size OutputSize = new(136, 36);

    /// <summary>
    /// Margin added around the box before looking for the characters: boxes from colour can clip the frame and boxes
    /// from edges can sit a little off the characters.
    /// </summary>
    private const double WidthPadding = 1.15;
    private const double HeightPadding = 1.4;

    /// <summary>
    /// Width of the working patch the shear and borders are measured on: a little over the output width, so the
    /// borders are found to about an output pixel, at a fraction of the cost of working at photo resolution.
    /// </summary>
    private const int WorkWidth = 180;

    /// <summary>
    /// Shortest character accepted when placing the borders, as a fraction of the working patch height: lower than the
    /// verifier's because of the padding.
    /// </summary>
    private const double CharacterMinHeight = 0.2;

    /// <summary>
    /// Shears tried, as horizontal shift per unit of height; ±1 is a slant of 45°, which the data does reach for a
    /// plate photographed close and from the side.
    /// </summary>
    private const double MaxShear = 1.0;
    private const double ShearStep = 0.05;

    /// <summary>Returns a new 136×36 BGR image of the plate; the caller disposes it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="bgrPhoto"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="bgrPhoto"/> is empty or the box has no area.</exception>
    public Mat Extract(Mat bgrPhoto, PlateCandidate candidate) => Extract(bgrPhoto, candidate, refineBorders: true);

    /// <inheritdoc cref="Extract(Mat, PlateCandidate)"/>
    /// <param name="refineBorders">
    /// False keeps the located box's borders (rotation and shear are still removed): a second cut for when the
    /// characters found in the box mislead the borders, such as a date overlay or badge read as part of the row.
    /// </param>
    public Mat Extract(Mat bgrPhoto, PlateCandidate candidate, bool refineBorders)
    {
        ArgumentNullException.ThrowIfNull(bgrPhoto);
        if (bgrPhoto.Empty())
        {
            throw new ArgumentException("Expected a non-empty image.", nameof(bgrPhoto));
        }

        var box = RotatedBoxes.Normalise(candidate.Box);
        if (box.Size.Width < 1 || box.Size.Height < 1)
        {
            throw new ArgumentException("The candidate box has no area.", nameof(candidate));
        }

        var maps = OutputTransforms(bgrPhoto, box, candidate.Color, refineBorders);
        var plate = new Mat();
        if (maps.UpperRow is not { } upperMap)
        {
            using var transform = ToMat(maps.Main);
            Cv2.WarpAffine(bgrPhoto, plate, transform, OutputSize, InterpolationFlags.Linear, BorderTypes.Replicate);
            return plate;
        }

        // A two-row plate is laid out as one row: its upper row (province and city letter) where a one-row plate has
        // them, its lower row where the other five characters go, so that segmentation and the models see the
        // layout they know.
        plate.Create(OutputSize, MatType.CV_8UC3);
        int split = TwoRowSplit;
        WarpInto(bgrPhoto, plate, upperMap, new Rect(0, 0, split, OutputSize.Height));
        WarpInto(bgrPhoto, plate, maps.Main, new Rect(split, 0, OutputSize.Width - split, OutputSize.Height));
        return plate;
    }

    /// <summary>Resamples the photo through <paramref name="map"/> into one region of <paramref name="target"/>.</summary>
    private static void WarpInto(Mat bgrPhoto, Mat target, double[] map, Rect region)
    {
        using var transform = ToMat(map);
        using var part = new Mat();
        Cv2.WarpAffine(bgrPhoto, part, transform, region.Size, InterpolationFlags.Linear, BorderTypes.Replicate);
        using var destination = new Mat(target, region);
        part.CopyTo(destination);
    }

    /// <summary>
    /// Output column where a one-row plate's third character begins (136 of 409 mm, after a side margin of 0.15
    /// character heights): the lower row of a two-row plate goes right of it, the upper row left of it.
    /// </summary>
    private static int TwoRowSplit => (int)Math.Round(OutputSize.Width * (136 + 13.5) / (409 + 27));

    /// <summary>
    /// The affine map(s) from photo pixels to output pixels. <c>Main</c> covers the whole output, or, for a two-row
    /// plate, maps the lower row onto the output right of <see cref="TwoRowSplit"/>; <c>UpperRow</c> is then the
    /// map of the upper row onto the output left of it.
    /// </summary>
    public static (double[] Main, double[]? UpperRow) OutputTransforms(Mat bgrPhoto, RotatedRect box, PlateColor colour, bool refineBorders = true)
    {
        var padded = RotatedBoxes.Inflate(box, WidthPadding, HeightPadding);
        int workHeight = Math.Max(24, (int)Math.Round(WorkWidth * padded.Size.Height / padded.Size.Width));
        var workSize = new Size(WorkWidth, workHeight);
        var toWork = BoxToPatchTransform(padded, workSize);

        using var patch = new Mat();
        using (var m = ToMat(toWork))
        {
            Cv2.WarpAffine(bgrPhoto, patch, m, workSize, InterpolationFlags.Linear, BorderTypes.Replicate);
        }

        using var characters = CandidateVerifier.CharacterMask(patch, colour, out _, thorough: true);
        double shear = EstimateShearFromEdges(patch);
        var unshear = ShearTransform(shear, workHeight / 2.0);

        using var upright = new Mat();
        using (var m = ToMat(unshear))
        {
            Cv2.WarpAffine(characters, upright, m, workSize, InterpolationFlags.Nearest, BorderTypes.Constant, Scalar.All(0));
        }

        var toUpright = Compose(unshear, toWork);
        var located = DefaultBounds(workSize);
        var boxes = CandidateVerifier.CharacterBoxes(upright, CharacterMinHeight);
        if (colour == PlateColor.Yellow && TwoRowBounds(patch, unshear) is { } rows)
        {
            var lowerSize = new Size(OutputSize.Width - TwoRowSplit, OutputSize.Height);
            var upperSize = new Size(TwoRowSplit, OutputSize.Height);
            return (Compose(CropTransform(rows.Lower, lowerSize), toUpright), Compose(CropTransform(rows.Upper, upperSize), toUpright));
        }

        var found = refineBorders ? PlateBounds(boxes, located, out bool onLayout) is { } f && IsConsistent(f, located, onLayout) ? f : (Rect2d?)null : null;
        var bounds = found ?? located;
        return (Compose(CropTransform(bounds, OutputSize), toUpright), null);
    }

    /// <summary>
    /// Borders of the two rows of a two-row plate (yellow rear plates of lorries and buses: 440×220 mm, province
    /// and city letter 60 mm tall above five characters 110 mm tall), or null for a one-row plate. The lower row is
    /// five (or four, one end lost) characters at a pitch of about 0.75 heights, without the wide gap of a one-row
    /// plate's dot, under strokes covering a fair share of the band above it: a one-row plate has a plain margin or
    /// car body there. Dark strokes from a local threshold: all two-row plates are yellow, and Otsu over a loose box
    /// around one often splits plate from bus body instead of strokes from plate.
    /// </summary>
    public static (Rect2d Upper, Rect2d Lower)? TwoRowBounds(Mat bgrPatch, double[] unshear)
    {
        using var strokes = CandidateVerifier.LocalDarkStrokes(bgrPatch);
        using var uprightMask = new Mat();
        using (var m = ToMat(unshear))
        {
            Cv2.WarpAffine(strokes, uprightMask, m, strokes.Size(), InterpolationFlags.Nearest, BorderTypes.Constant, Scalar.All(0));
        }

        return TwoRowBounds(CandidateVerifier.CharacterBoxes(uprightMask, CharacterMinHeight), uprightMask);
    }

    /// <inheritdoc cref="TwoRowBounds(Mat, double[])"/>
    /// <param name="characterBoxes">Character boxes of the upright mask.</param>
    /// <param name="uprightMask">Upright mask of the dark strokes, in the same coordinates.</param>
    public static (Rect2d Upper, Rect2d Lower)? TwoRowBounds(IReadOnlyList<Rect> characterBoxes, Mat uprightMask)
    {
        if (characterBoxes.Count is < 4 or > 5)
        {
            return null;
        }

        var tops = characterBoxes.Select(r => (double)r.Top).Order().ToArray();
        var bottoms = characterBoxes.Select(r => (double)r.Bottom).Order().ToArray();
        double top = tops[tops.Length / 2], bottom = bottoms[bottoms.Length / 2], height = bottom - top;
        var centres = characterBoxes.Select(r => r.X + r.Width / 2.0).ToArray();
        var gaps = centres.Zip(centres.Skip(1), (a, b) => b - a).Order().ToArray();
        double pitch = gaps[gaps.Length / 2];
        // 80 mm pitch for 110 mm characters; a one-row plate's dot leaves one gap 1.4 pitches wide.
        if (pitch < 0.55 * height || pitch > 0.95 * height || gaps[^1] > 1.25 * pitch || gaps[0] < 0.75 * pitch)
        {
            return null;
        }

        double left = characterBoxes.Min(r => r.Left), right = characterBoxes.Max(r => r.Right);
        if (characterBoxes.Count == 4)
        {
            // One end character was lost (the first letter joined to a bolt, the last to the frame): the row is
            // completed on the side whose character-sized slot holds more strokes.
            double inkLeft = InkFraction(uprightMask, left - pitch, left, top, bottom);
            double inkRight = InkFraction(uprightMask, right, right + pitch, top, bottom);
            if (inkLeft >= inkRight)
            {
                left -= pitch;
            }
            else
            {
                right += pitch;
            }
        }

        double length = right - left;
        // The upper row's characters stand 0.1–0.65 lower-row heights above it, across the middle of the plate.
        int bandTop = (int)Math.Round(top - 0.65 * height), bandBottom = (int)Math.Round(top - 0.1 * height);
        int bandLeft = (int)Math.Round(left + 0.1 * length), bandRight = (int)Math.Round(right - 0.1 * length);
        if (bandTop < 0 || bandBottom <= bandTop || bandRight <= bandLeft)
        {
            return null;
        }

        using var band = new Mat(uprightMask, new Rect(bandLeft, bandTop, bandRight - bandLeft, bandBottom - bandTop));
        double ink = Cv2.CountNonZero(band) / (double)band.Total();
        if (ink is < 0.12 or > 0.6)
        {
            return null;
        }

        // The upper row is centred on its own strokes rather than on the lower row: the shear is measured on the
        // lower row and a plate seen from below leans the upper row sideways.
        var moments = Cv2.Moments(band, binaryImage: true);
        double centre = moments.M00 > 0 ? bandLeft + moments.M10 / moments.M00 : (left + right) / 2;
        double margin = 0.15 * height;
        var lower = new Rect2d(left - margin, top - margin, length + 2 * margin, height + 2 * margin);
        var upper = new Rect2d(centre - 0.4 * length, top - 0.75 * height, 0.8 * length, 0.7 * height);
        return (upper, lower);
    }

    /// <summary>
    /// The 2×3 affine map (row-major, 6 values) from photo pixels to output pixels: padded box to working patch,
    /// then shear correction, then crop to the refined plate borders. For a two-row plate, the map of its lower row
    /// onto the right of the output (<see cref="OutputTransforms"/>).
    /// </summary>
    public static double[] PlateToOutputTransform(Mat bgrPhoto, RotatedRect box, PlateColor colour) =>
        OutputTransforms(bgrPhoto, box, colour).Main;

    /// <summary>Affine map taking a rotated box's top-left, top-right and bottom-left corners to those of a patch.</summary>
    public static double[] BoxToPatchTransform(RotatedRect box, Size patchSize)
    {
        var c = RotatedBoxes.Corners(box);
        Point2f[] src = [c[0], c[1], c[3]];
        Point2f[] dst = [new(0, 0), new(patchSize.Width, 0), new(0, patchSize.Height)];
        using var m = Cv2.GetAffineTransform(src, dst);
        return [m.At<double>(0, 0), m.At<double>(0, 1), m.At<double>(0, 2), m.At<double>(1, 0), m.At<double>(1, 1), m.At<double>(1, 2)];
    }

    /// <summary>
    /// Horizontal shear (x shift per unit of y) that makes the characters of a binary mask stand upright. The right shear
    /// gathers each character's strokes into as few columns as possible and opens clean gaps between characters, so
    /// it maximises the sum of squares of the column projection.
    /// </summary>
    public static double EstimateShear(Mat characterMask)
    {
        using var strokes = WithoutBorderComponents(characterMask);
        using var nonZero = new Mat();
        Cv2.FindNonZero(strokes, nonZero);
        if (nonZero.Empty() || !nonZero.GetArray(out Point[] points) || points.Length < 20)
        {
            return 0;
        }

        double cy = characterMask.Rows / 2.0;
        int cols = characterMask.Cols;
        int pad = (int)Math.Ceiling(MaxShear * cy) + 1;
        var histogram = new double[cols + 2 * pad + 1];
        // Coarse to fine: the projection score is smooth in the shear, so a 4× coarser scan followed by the fine
        // steps around its best finds the same maximum for a third of the work.
        double coarse = BestShear(points, cy, pad, histogram, -MaxShear, MaxShear, 4 * ShearStep);
        return BestShear(points, cy, pad, histogram, Math.Max(-MaxShear, coarse - 3 * ShearStep), Math.Min(MaxShear, coarse + 3 * ShearStep), ShearStep);
    }

    private static double BestShear(Point[] points, double cy, int pad, double[] histogram, double from, double to, double step)
    {
        double best = 0, bestScore = double.MinValue;
        int steps = (int)Math.Round((to - from) / step);
        for (int k = 0; k <= steps; k++)
        {
            // Rounded to the fine grid so that the straight-on shear is exactly 0 rather than an accumulated 1e-17.
            double s = Math.Round((from + k * step) / ShearStep) * ShearStep;
            Array.Clear(histogram);
            foreach (var p in points)
            {
                // Each pixel is split between its two nearest columns: rounding instead would let the staircase of a
                // rasterised slanted stroke line up by chance at a wrong shear.
                double x = Math.Clamp(p.X + s * (p.Y - cy) + pad, 0, histogram.Length - 2);
                int left = (int)x;
                double fraction = x - left;
                histogram[left] += 1 - fraction;
                histogram[left + 1] += fraction;
            }

            double score = 0;
            foreach (double h in histogram)
            {
                score += h * h;
            }

            // Ties and near-ties go to the smaller shear: a plate seen straight on should not be bent by noise.
            score *= 1 - 0.05 * Math.Abs(s);
            if (score > bestScore)
            {
                bestScore = score;
                best = s;
            }
        }

        return best;
    }

    /// <summary>
    /// Shear of an upright BGR patch judged from its vertical edges rather than from a binarisation: the sides of the
    /// strokes are what must stand upright, and edges ignore what a threshold cannot, such as the horizontal frame
    /// lines and a bright car body merged with the strokes.
    /// </summary>
    public static double EstimateShearFromEdges(Mat bgrPatch)
    {
        using var gray = new Mat();
        Cv2.CvtColor(bgrPatch, gray, ColorConversionCodes.BGR2GRAY);
        using var sobel = new Mat();
        Cv2.Sobel(gray, sobel, MatType.CV_16S, 1, 0, 3);
        using var magnitude = new Mat();
        Cv2.ConvertScaleAbs(sobel, magnitude);
        using var edges = new Mat();
        Cv2.Threshold(magnitude, edges, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        return EstimateShear(edges);
    }

    /// <summary>
    /// A copy of a binary mask without the components that touch its border. Characters lie inside a padded patch;
    /// what reaches the border is car body, bumper or frame, and such large regions would outweigh the strokes in
    /// the projection that decides the shear.
    /// </summary>
    public static Mat WithoutBorderComponents(Mat mask)
    {
        var result = mask.Clone();
        int rows = result.Rows, cols = result.Cols;
        var border = new List<Point>(2 * (rows + cols));
        for (int x = 0; x < cols; x++)
        {
            border.Add(new Point(x, 0));
            border.Add(new Point(x, rows - 1));
        }

        for (int y = 1; y < rows - 1; y++)
        {
            border.Add(new Point(0, y));
            border.Add(new Point(cols - 1, y));
        }

        result.GetArray(out byte[] pixels);
        foreach (var p in border)
        {
            // The array is a snapshot: a pixel already cleared by an earlier fill is filled again at no harm.
            if (pixels[p.Y * cols + p.X] != 0 && result.At<byte>(p.Y, p.X) != 0)
            {
                Cv2.FloodFill(result, p, Scalar.All(0));
            }
        }

        return result;
    }

    /// <summary>Affine map x' = x + shear·(y − centreY): shifts rows sideways so a slant of <paramref name="shear"/> becomes vertical.</summary>
    public static double[] ShearTransform(double shear, double centreY) => [1, shear, -shear * centreY, 0, 1, 0];

    /// <summary>Fraction of foreground in a rectangle of a mask, clipped to the mask; 0 outside it.</summary>
    private static double InkFraction(Mat mask, double left, double right, double top, double bottom)
    {
        var rect = new Rect((int)Math.Round(left), (int)Math.Round(top), (int)Math.Round(right - left), (int)Math.Round(bottom - top))
            .Intersect(new Rect(0, 0, mask.Cols, mask.Rows));
        if (rect.Width <= 0 || rect.Height <= 0)
        {
            return 0;
        }

        using var region = new Mat(mask, rect);
        return Cv2.CountNonZero(region) / (double)rect.Width / rect.Height;
    }

    /// <summary>
    /// Plate borders in an upright patch, from its characters: their row plus a margin above and below, so characters
    /// fill about three quarters of the height like in the training crops, and from the first to the last character
    /// plus a small side margin. Null when fewer than three characters are seen, too few to trust.
    /// </summary>
    /// <param name="characterBoxes">Character boxes in the upright patch.</param>
    /// <param name="located">Where the located box lies in the patch; a short row is widened to its ends.</param>
    public static Rect2d? PlateBounds(IReadOnlyList<Rect> characterBoxes, Rect2d located) => PlateBounds(characterBoxes, located, out _);

    /// <inheritdoc cref="PlateBounds(IReadOnlyList{Rect}, Rect2d)"/>
    /// <param name="onLayout">Whether five or more characters sat on the plate's layout (<see cref="FitLayout"/>).</param>
    public static Rect2d? PlateBounds(IReadOnlyList<Rect> characterBoxes, Rect2d located, out bool onLayout)
    {
        onLayout = false;
        if (characterBoxes.Count < 3)
        {
            return null;
        }

        // Medians rather than extremes: a bolt or the dot can make one box too tall or too short.
        var tops = characterBoxes.Select(r => (double)r.Top).Order().ToArray();
        var bottoms = characterBoxes.Select(r => (double)r.Bottom).Order().ToArray();
        double top = tops[tops.Length / 2];
        double bottom = bottoms[bottoms.Length / 2];
        double charHeight = bottom - top;
        double left = characterBoxes.Min(r => r.Left);
        double right = characterBoxes.Max(r => r.Right);
        if (FitLayout(characterBoxes, charHeight, located) is { } span)
        {
            // The layout only ever lengthens the row: where it ends inside the found blobs, those are a frame side or
            // bolt as often as a real character the layout misplaced, and cutting a character costs more.
            left = Math.Min(left, span.Left);
            right = Math.Max(right, span.Right);
            onLayout = true;
        }

        // Seven characters with their gaps and the dot span about 4.5 character heights (409 of 440 mm for 90 mm tall
        // characters). A shorter row has lost characters: often a Chinese character (province, or 学/警/挂 at the end),
        // which falls apart into strokes, but shade or dirt can hide any of them. Guessing which end is missing cuts
        // one off as often as not; the located box came from the plate's colour or edges and so spans about the plate,
        // so a short row is widened to it instead.
        if (right - left < 4.5 * charHeight)
        {
            left = Math.Min(left, located.Left);
            right = Math.Max(right, located.Right);
        }

        double vMargin = 0.16 * charHeight;
        double hMargin = 0.15 * charHeight;
        return new Rect2d(left - hMargin, top - vMargin, right - left + 2 * hMargin, charHeight + 2 * vMargin);
    }

    private static readonly IReadOnlyList<double> SlotCentres = PlateLayout.Centres;
    private static readonly double RowLength = PlateLayout.Span, RowHeight = PlateLayout.CharacterHeight, Pitch = PlateLayout.CharacterWidth + PlateLayout.Gap;

    /// <summary>
    /// Left and right ends of the character row, from the found characters laid onto the plate's fixed layout.
    /// The first and last found blobs are unreliable ends: a province character that fell apart into strokes is
    /// missing, a frame side or bolt beside the row is counted. Every pair of blobs assigned to every pair of slots
    /// gives a scale and offset; the layout that puts most blobs on slots wins, and its ends stand for the row even
    /// where the end characters were not seen. Null when fewer than five blobs agree on one layout: four evenly spaced
    /// digits fit several slot runs equally well.
    /// </summary>
    public static (double Left, double Right)? FitLayout(IReadOnlyList<Rect> characterBoxes, double charHeight, Rect2d located)
    {
        var centres = characterBoxes.Select(r => r.X + r.Width / 2.0).ToArray();
        double expected = charHeight / RowHeight;
        int bestInliers = 0;
        double bestTie = double.MinValue, bestOffset = 0, bestScale = 0;
        for (int j = 0; j < centres.Length; j++)
        {
            for (int k = j + 1; k < centres.Length; k++)
            {
                for (int m = 0; m < SlotCentres.Count; m++)
                {
                    for (int n = m + 1; n < SlotCentres.Count; n++)
                    {
                        double scale = (centres[k] - centres[j]) / (SlotCentres[n] - SlotCentres[m]);
                        // Blob heights come out a little short or tall of the printed 90 mm, and a plate seen from the
                        // side is narrower than its character height says; beyond this range slots would be skipped.
                        if (scale < 0.7 * expected || scale > 1.4 * expected)
                        {
                            continue;
                        }

                        double offset = centres[j] - scale * SlotCentres[m];
                        int inliers = Refine(centres, ref offset, ref scale);
                        if (inliers < bestInliers)
                        {
                            continue;
                        }

                        // Equal counts (a run of evenly spaced digits fits several slots) go to the row that lies
                        // best within the located box, which spans about the plate.
                        double rowLeft = offset, rowRight = offset + scale * RowLength;
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

        if (bestInliers < 5)
        {
            return null;
        }

        return (bestOffset, bestOffset + bestScale * RowLength);
    }

    /// <summary>
    /// Counts the slots of the layout (offset, scale) that hold a blob centre within a quarter pitch, and refits the
    /// layout to those blobs by least squares: two blobs alone fix the scale only to their own width's slack, which
    /// over a whole row is half a character.
    /// </summary>
    private static int Refine(double[] centres, ref double offset, ref double scale)
    {
        double tolerance = 0.25 * Pitch * scale;
        int count = 0;
        double sumX = 0, sumC = 0, sumCC = 0, sumCX = 0;
        foreach (double slot in SlotCentres)
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
        if (count >= 3 && denominator > 0)
        {
            scale = (count * sumCX - sumC * sumX) / denominator;
            offset = (sumX - scale * sumC) / count;
        }

        return count;
    }

    /// <summary>
    /// Whether borders found from characters agree with the located box well enough to replace it. A few blobs of
    /// bolt, dirt or one character's parts can pass for a short row; trusting them would zoom into a fragment,
    /// which is worse for the recogniser than the slightly loose located box.
    /// </summary>
    public static bool IsConsistent(Rect2d fromCharacters, Rect2d located) => IsConsistent(fromCharacters, located, false);

    /// <inheritdoc cref="IsConsistent(Rect2d, Rect2d)"/>
    /// <param name="onLayout">
    /// The characters sat on the plate's layout: five or more blobs at the plate's spacing are no fragment, so a
    /// row much shorter than the located box is the plate inside a box loosened by lamps, badges or a frame.
    /// </param>
    public static bool IsConsistent(Rect2d fromCharacters, Rect2d located, bool onLayout)
    {
        double aspect = fromCharacters.Width / fromCharacters.Height;
        return fromCharacters.Height >= 0.4 * located.Height
            && fromCharacters.Height <= 1.3 * located.Height
            && fromCharacters.Width >= (onLayout ? 0.3 : 0.5) * located.Width
            && aspect is >= 2 and <= 6;
    }

    /// <summary>Without characters to go by, undo the padding and keep the located box.</summary>
    public static Rect2d DefaultBounds(Size patchSize)
    {
        double w = patchSize.Width / WidthPadding, h = patchSize.Height / HeightPadding;
        return new Rect2d((patchSize.Width - w) / 2, (patchSize.Height - h) / 2, w, h);
    }

    /// <summary>Affine map taking a rectangle of the patch onto a whole image of the given size.</summary>
    public static double[] CropTransform(Rect2d bounds, Size outputSize)
    {
        double sx = outputSize.Width / bounds.Width, sy = outputSize.Height / bounds.Height;
        return [sx, 0, -bounds.X * sx, 0, sy, -bounds.Y * sy];
    }

    /// <summary>Composition of two 2×3 affine maps: first <paramref name="inner"/>, then <paramref name="outer"/>.</summary>
    public static double[] Compose(double[] outer, double[] inner) =>
    [
        outer[0] * inner[0] + outer[1] * inner[3],
        outer[0] * inner[1] + outer[1] * inner[4],
        outer[0] * inner[2] + outer[1] * inner[5] + outer[2],
        outer[3] * inner[0] + outer[4] * inner[3],
        outer[3] * inner[1] + outer[4] * inner[4],
        outer[3] * inner[2] + outer[4] * inner[5] + outer[5],
    ];

    private static Mat ToMat(double[] affine)
    {
        var m = new Mat(2, 3, MatType.CV_64FC1);
        for (int i = 0; i < 6; i++)
        {
            m.Set(i / 3, i % 3, affine[i]);
        }

        return m;
    }
}
