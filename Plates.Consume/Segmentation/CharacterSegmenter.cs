using OpenCvSharp;
using Plates.Consume.Localisation;

namespace Plates.Consume.Segmentation;

/// <summary>
/// Cuts an upright plate image into its seven characters, each as a 20×20 white-on-black image like the classifiers'
/// training crops. The steps (<see cref="Binarise"/>, <see cref="EstimateTilt"/>, <see cref="FindCharacterBand"/>,
/// <see cref="RemoveFrame"/>, <see cref="FitLayout"/>, <see cref="RefineBoxes"/>, <see cref="ToCharacterImage"/>) are
/// public and stateless so that each can be checked on its own. Instances hold only options and are thread-safe.
/// </summary>
public sealed partial class CharacterSegmenter
{
    private readonly SegmenterOptions _options;

    public CharacterSegmenter(SegmenterOptions? options = null)
    {
        _options = options ?? new SegmenterOptions();
        if (_options.WorkingWidth < 40 || _options.WorkingHeight < 12)
            throw new ArgumentException("Working size must be at least 40×12.", nameof(options));
        if (_options.CharacterSize < 4)
            throw new ArgumentException("Character size must be at least 4.", nameof(options));
    }

    /// <summary>
    /// Cuts the plate into seven characters, or returns null when it cannot find a line of seven (blank image, no text).
    /// </summary>
    /// <param name="uprightPlateBgr">Plate image, roughly cropped and upright, 8-bit BGR of any size.</param>
    /// <param name="color">Plate background colour; <see cref="PlateColor.Unknown"/> is estimated from the image.</param>
    /// <returns>Boxes in <paramref name="uprightPlateBgr"/> coordinates, left to right, and the character images.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="uprightPlateBgr"/> is null.</exception>
    /// <exception cref="ArgumentException">The image is empty or not 8-bit BGR.</exception>
    public SegmentedPlate? Segment(Mat uprightPlateBgr, PlateColor color)
    {
        ArgumentNullException.ThrowIfNull(uprightPlateBgr);
        if (uprightPlateBgr.Empty() || uprightPlateBgr.Type() != MatType.CV_8UC3)
            throw new ArgumentException("Expected a non-empty 8-bit BGR image.", nameof(uprightPlateBgr));

        // The plate's hue finds the plate's rows inside a loose box; the polarity is then judged again on the plate alone.
        // Its columns are kept whole: on a blurred plate the Chinese character's strokes hide the background hue, so a
        // cut by hue ate into it (measured: first character 88.3 % against 92.2 % on the scenes), while scenery beside
        // the plate is blanked after thresholding anyway (ClearBeyondPlate).
        int width = _options.WorkingWidth, height = _options.WorkingHeight;
        // The hue masks and the blank-plate test below use fixed levels set on well-lit plates; a dim plate is brought up
        // to their brightness first (measured on the scenes darkened to 65 %: plates found 116 to 119).
        using var exposed = PlateExposure.Normalise(uprightPlateBgr);
        var resolved = ResolveColor(exposed, color);
        var plateRows = FindPlateRegion(exposed, resolved);
        var region = new Rect(0, plateRows.Y, exposed.Cols, plateRows.Height);
        using var plate = new Mat(exposed, region);
        using var resized = new Mat();
        Cv2.Resize(plate, resized, new Size(width, height), 0, 0, InterpolationFlags.Cubic);
        color = ResolveColor(resized, color);

        // Each shear is applied to the colour image, which is then thresholded afresh: a warped binary image has ragged
        // edges. Tilt first (it moves the band), then slant (measured inside the band).
        double tilt;
        using (var first = Binarise(resized, color)) tilt = EstimateTilt(first);
        using var untilted = Untilt(resized, tilt);
        using var untiltedBinary = Binarise(untilted, color);
        var roughBand = FindCharacterBand(untiltedBinary);
        if (roughBand is null) return null;

        double slant;
        using (var roughCleaned = RemoveFrame(untiltedBinary, roughBand.Value)) slant = EstimateSlant(roughCleaned, roughBand.Value);
        double centreY = (roughBand.Value.Top + roughBand.Value.Bottom) / 2.0;
        using var upright = Unslant(untilted, slant, centreY);
        using var binary = Binarise(upright, color);
        var band = FindCharacterBand(binary);
        if (band is null) return null;

        using var cleaned = RemoveFrame(binary, band.Value);
        var fitted = FitLayout(cleaned, band.Value);
        if (fitted is null) return null;
        var boxes = RefineBoxes(cleaned, fitted);

        using var channel = CharacterChannel(upright, color);
        double widthScale = AspectCorrection(fitted, band.Value);
        var characters = boxes.Select((b, i) => ToCharacterImage(channel, band.Value, b, chinese: i == 0, widthScale)).ToArray();
        double scaleX = region.Width / (double)width, scaleY = region.Height / (double)height;
        var original = boxes.Select(b => ToInput(b, tilt, slant, centreY, scaleX, scaleY, region)).ToArray();
        var lastAlternatives = LastCharacterBoxes(boxes[^1])
            .Select(b => ToCharacterImage(channel, band.Value, b, chinese: false, widthScale)).ToArray();
        var chineseViews = ChineseCharacterViews(boxes[0])
            .Select(v => ToCharacterImage(channel, band.Value, v.Box, chinese: true, widthScale, v.MaxInkShare)).ToArray();
        return new SegmentedPlate(original, characters)
        {
            LastCharacterAlternatives = lastAlternatives,
            ChineseCharacterViews = chineseViews,
        };
    }

    /// <summary>
    /// The horizontal scale that gives the characters the aspect of the training crops. The fitted layout measures the
    /// plate's own: character pitch against character height. Crops resized to a fixed size (94×24, 136×36) are stretched
    /// sideways by varying amounts, and a character twice too wide reads as a different one.
    /// </summary>
    public static double AspectCorrection(IReadOnlyList<Rect> fitted, CharacterBand band)
    {
        double pitch = (fitted[^1].X - fitted[2].X) / (double)(fitted.Count - 3);
        double measured = pitch / band.Height;
        double standard = (PlateLayout.CharacterWidth + PlateLayout.Gap) / PlateLayout.CharacterHeight;
        return Math.Clamp(TrainingStretch * standard / measured, 0.4, 2.0);
    }

    /// <summary>
    /// Other boxes for the last character, widened by a share of its width: to the left, and to both sides. Its refined
    /// box is tight on the ink found next to the plate's right edge, where frame, bolts and shadow disturb the threshold,
    /// so strokes broken off the character fall outside it; in a wider box they count again, while the frame's slivers
    /// are still dropped by <see cref="ToCharacterImage(Mat, CharacterBand, Rect, bool, double, double)"/>. (Measured: exact
    /// plates 85.9 % to 88.3 % on the scenes, 88.0 % to 89.0 % on the crops. The same for the Chinese character's box,
    /// moved or widened either way, did not help.)
    /// </summary>
    public static IEnumerable<Rect> LastCharacterBoxes(Rect last)
    {
        foreach (var (leftWidening, rightWidening) in s_lastCharacterWidenings)
        {
            int left = last.Left - (int)Math.Round(leftWidening * last.Width);
            int right = last.Right + (int)Math.Round(rightWidening * last.Width);
            yield return new Rect(left, last.Top, right - left, last.Height);
        }
    }

    /// <summary>
    /// Other cuts of the Chinese character, to be read beside the first and averaged with it: the same box with a
    /// threshold that leaves less ink, and a box widened on both sides. The misread characters were mostly blurred ones
    /// whose close strokes had merged into one bold blob (川's three strokes into a bar, 皖 and 湘 into solid blocks),
    /// while the training crops show thin, separate strokes; a stricter level parts the strokes again where the usual
    /// one does not, and a wider box gets back strokes the tight box cut off (a 皖 or 粤 read from half of itself). Each
    /// alone is worse on some plates than the usual cut, so they vote rather than replace it. (Measured with both:
    /// first character 122 to 124 of 128 scenes, 193 to 196 of 200 crops; exact plates 116 to 117 and 184 to 187.)
    /// </summary>
    public static IEnumerable<(Rect Box, double MaxInkShare)> ChineseCharacterViews(Rect first)
    {
        yield return (first, StrictChineseInkShare);
        int widening = (int)Math.Round(ChineseWidening * first.Width);
        yield return (new Rect(first.Left - widening, first.Top, first.Width + 2 * widening, first.Height), MaxChineseInkShare);
    }

    /// <summary>The stricter ink share of <see cref="ChineseCharacterViews"/>: thinner strokes than the usual cut's.</summary>
    private const double StrictChineseInkShare = 0.45;

    /// <summary>How far each side of the Chinese character's box is moved out for the wider view, as a share of its width.</summary>
    private const double ChineseWidening = 0.15;

    /// <summary>How far the last box's left and right edges are moved out, as shares of its width.</summary>
    private static readonly (double Left, double Right)[] s_lastCharacterWidenings = [(0.15, 0), (0.1, 0.1)];

    /// <summary>How much wider than the standard plate the training crops' characters are.</summary>
    private const double TrainingStretch = 1.1;

    /// <summary>
    /// Maps a box from the deskewed working image back to the caller's image: its centre goes through the inverse
    /// shears, its size only through the scale. (The bounding box of the sheared corners would be wider than the
    /// character by the slant times its height, and overlap its neighbours.)
    /// </summary>
    private Rect ToInput(Rect box, double tilt, double slant, double centreY, double scaleX, double scaleY, Rect region)
    {
        double centreX = (_options.WorkingWidth - 1) / 2.0;
        double cx = box.X + box.Width / 2.0, cy = box.Y + box.Height / 2.0;
        double x = cx - slant * (cy - centreY);
        double y = cy + tilt * (x - centreX);
        double width = box.Width * scaleX, height = box.Height * scaleY;
        var mapped = new Rect(region.X + (int)Math.Round(x * scaleX - width / 2), region.Y + (int)Math.Round(y * scaleY - height / 2),
            (int)Math.Round(width), (int)Math.Round(height));
        var clipped = mapped.Intersect(region);
        return clipped.Width > 0 && clipped.Height > 0 ? clipped : mapped;
    }
}
