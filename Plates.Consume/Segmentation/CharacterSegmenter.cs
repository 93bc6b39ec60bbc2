using OpenCvSharp;
using Plates.Consume.Characters;
using Plates.Consume.Colour;
using Plates.Consume.Imaging;
using Plates.Consume.Layout;

namespace Plates.Consume.Segmentation;

/// <summary>
/// Cuts an upright plate image into its characters, each as a 20×20 white-on-black image like the classifiers' training
/// crops. A thin orchestrator over steps that each do one job and can be checked on their own: the plate's region
/// (<see cref="PlateRegion"/>), thresholding (<see cref="PlateBinariser"/>), tilt and slant (<see cref="RowStraightener"/>),
/// the character band (<see cref="BandFinder"/>), frame removal (<see cref="FrameRemoval"/>), the layout's fit
/// (<see cref="LayoutFit"/>) and boxes (<see cref="BoxRefiner"/>), the character images (<see cref="CharacterImageCutter"/>).
/// Instances hold only options and are thread-safe.
/// </summary>
public sealed class CharacterSegmenter
{
    private readonly SegmenterOptions _options;
    private readonly PlateBinariser _binariser;
    private readonly PlateBinariser _shadedBinariser;
    private readonly CharacterImageCutter _cutter;

    public CharacterSegmenter(SegmenterOptions? options = null)
    {
        _options = options ?? new SegmenterOptions();
        if (_options.WorkingWidth < 40 || _options.WorkingHeight < 12)
            throw new ArgumentException("Working size must be at least 40×12.", nameof(options));
        if (_options.CharacterSize < 4)
            throw new ArgumentException("Character size must be at least 4.", nameof(options));
        _binariser = new PlateBinariser(_options.Binarise, _options.Colours);
        _shadedBinariser = new PlateBinariser(_options.Binarise with { GradientColours = new HashSet<PlateColor>(_options.Binarise.GradientColours.Union(_options.ShadedRetryColours)) }, _options.Colours);
        _cutter = new CharacterImageCutter(_options.CharacterSize, _options.Characters);
    }

    public SegmenterOptions Options => _options;

    /// <summary>The thresholding step, as this segmenter runs it.</summary>
    public PlateBinariser Binariser => _binariser;

    /// <summary>The character-image step, as this segmenter runs it.</summary>
    public CharacterImageCutter Cutter => _cutter;

    /// <summary>
    /// Cuts the plate into the characters of <see cref="SegmenterOptions.Layout"/>, the first a Chinese character, or
    /// returns null when it cannot find a line of them (blank image, no text).
    /// </summary>
    /// <inheritdoc cref="Segment(Mat, PlateColor, PlateLayout, IReadOnlyCollection{int}, IReadOnlyCollection{int})"/>
    public SegmentedPlate? Segment(Mat uprightPlateBgr, PlateColor color) => Segment(uprightPlateBgr, color, _options.Layout, [0], []);

    /// <summary>
    /// Cuts the plate into the characters of <paramref name="layout"/>, or returns null when it cannot find a line of
    /// them (blank image, no text).
    /// </summary>
    /// <param name="uprightPlateBgr">Plate image, roughly cropped and upright, 8-bit BGR of any size.</param>
    /// <param name="color">Plate background colour; <see cref="PlateColor.Unknown"/> is estimated from the image.</param>
    /// <param name="layout">The geometry to lay onto the plate.</param>
    /// <param name="chinese">Positions that hold a Chinese character: cut as one (all its pieces kept, its ink capped) and given Chinese cuts.</param>
    /// <param name="eitherWay">Positions that hold a Chinese character on some formats of this layout and a letter or digit on others (the end of a learner plate and of a standard one): cut both ways.</param>
    /// <returns>Boxes in <paramref name="uprightPlateBgr"/> coordinates, left to right, and the character images.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="uprightPlateBgr"/> or <paramref name="layout"/> is null.</exception>
    /// <exception cref="ArgumentException">The image is empty or not 8-bit BGR.</exception>
    public SegmentedPlate? Segment(Mat uprightPlateBgr, PlateColor color, PlateLayout layout, IReadOnlyCollection<int> chinese, IReadOnlyCollection<int> eitherWay)
    {
        ThrowIfInvalid(uprightPlateBgr, layout, chinese, eitherWay);
        return Segment(uprightPlateBgr, color, layout, chinese, eitherWay, _binariser);
    }

    /// <summary>
    /// Like <see cref="Segment(Mat, PlateColor, PlateLayout, IReadOnlyCollection{int}, IReadOnlyCollection{int})"/>,
    /// with the plate's background flattened before thresholding, for a plate with dark characters that the plain cut
    /// found no row in (<see cref="SegmenterOptions.ShadedRetryColours"/>): across a shadow, thresholded whole, the
    /// shaded part is one blob; flattened (as a new-energy plate's gradient always is) the strokes stand out again.
    /// Null for other colours.
    /// </summary>
    /// <inheritdoc cref="Segment(Mat, PlateColor, PlateLayout, IReadOnlyCollection{int}, IReadOnlyCollection{int})"/>
    public SegmentedPlate? SegmentShaded(Mat uprightPlateBgr, PlateColor color, PlateLayout layout, IReadOnlyCollection<int> chinese, IReadOnlyCollection<int> eitherWay)
    {
        ThrowIfInvalid(uprightPlateBgr, layout, chinese, eitherWay);
        return _options.ShadedRetryColours.Contains(color) ? Segment(uprightPlateBgr, color, layout, chinese, eitherWay, _shadedBinariser) : null;
    }

    private static void ThrowIfInvalid(Mat uprightPlateBgr, PlateLayout layout, IReadOnlyCollection<int> chinese, IReadOnlyCollection<int> eitherWay)
    {
        ArgumentNullException.ThrowIfNull(uprightPlateBgr);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(chinese);
        ArgumentNullException.ThrowIfNull(eitherWay);
        if (uprightPlateBgr.Empty() || uprightPlateBgr.Type() != MatType.CV_8UC3)
            throw new ArgumentException("Expected a non-empty 8-bit BGR image.", nameof(uprightPlateBgr));
    }

    /// <param name="binariser">How the plate is thresholded: the plain one, or the one that flattens the background.</param>
    private SegmentedPlate? Segment(Mat uprightPlateBgr, PlateColor color, PlateLayout layout, IReadOnlyCollection<int> chinese, IReadOnlyCollection<int> eitherWay, PlateBinariser binariser)
    {
        var o = _options;
        // The plate's hue finds the plate's rows inside a loose box; the polarity is then judged again on the plate alone.
        // Its columns are kept whole: on a blurred plate the Chinese character's strokes hide the background hue, so a
        // cut by hue ate into it (measured: first character 88.3 % against 92.2 % on the scenes), while scenery beside
        // the plate is blanked after thresholding anyway (PlateBinariser).
        int width = o.WorkingWidth, height = o.WorkingHeight;
        using var exposed = PlateExposure.Normalise(uprightPlateBgr, o.Exposure);
        var resolved = ColourClassifier.ResolveColor(exposed, color, o.Colours);
        var plateRows = PlateRegion.Find(exposed, resolved, o.Colours, binariser.Options);
        var region = new Rect(0, plateRows.Y, exposed.Cols, plateRows.Height);
        using var plate = new Mat(exposed, region);
        using var resizedPlain = new Mat();
        Cv2.Resize(plate, resizedPlain, new Size(width, height), 0, 0, InterpolationFlags.Cubic);
        // A soft plate (blurred, or enlarged from few pixels) is sharpened before anything is thresholded; see SegmenterOptions.Sharpening.
        using var sharpened = PlateSharpening.SharpenedIfSoft(resizedPlain, o.Sharpening);
        var resized = sharpened ?? resizedPlain;
        color = ColourClassifier.ResolveColor(resized, color, o.Colours);

        // Each shear is applied to the colour image, which is then thresholded afresh: a warped binary image has ragged
        // edges. Tilt first (it moves the band), then slant (measured inside the band). A shear of 0 (the tilt of 30 %
        // of the crops' cuts, the slant of 60 %) would warp the image into a copy of itself, whose thresholding, band and
        // frame removal are those already made: they are kept rather than made again.
        using var first = ThresholdedPlate.Of(binariser, resized, color);
        double tilt = RowStraightener.EstimateTilt(first.Binary, o.Straighten);
        using var untiltedOwn = tilt == 0 ? null : RowStraightener.Untilt(resized, tilt);
        var untilted = untiltedOwn ?? resized;
        using var untiltedOwnThresholded = tilt == 0 ? null : ThresholdedPlate.Of(binariser, untilted, color);
        var untiltedThresholded = untiltedOwnThresholded ?? first;
        var roughBand = BandFinder.Find(untiltedThresholded.Binary, o.Band);
        if (roughBand is null) return null;

        using var roughCleaned = FrameRemoval.ClearAroundBand(untiltedThresholded.Binary, roughBand.Value, o.Frame);
        double slant = RowStraightener.EstimateSlant(roughCleaned, roughBand.Value, o.Straighten);
        double centreY = (roughBand.Value.Top + roughBand.Value.Bottom) / 2.0;
        using var uprightOwn = slant == 0 ? null : RowStraightener.Unslant(untilted, slant, centreY);
        var upright = uprightOwn ?? untilted;
        // The channel thresholded here is the one the characters are cut from below, when the colour stayed the same.
        using var uprightOwnThresholded = slant == 0 ? null : ThresholdedPlate.Of(binariser, upright, color);
        var thresholded = uprightOwnThresholded ?? untiltedThresholded;
        var found = slant == 0 ? roughBand : BandFinder.Find(thresholded.Binary, o.Band);
        if (found is not { } band) return null;

        using var cleanedOwn = slant == 0 ? null : FrameRemoval.ClearAroundBand(thresholded.Binary, band, o.Frame);
        var cleaned = cleanedOwn ?? roughCleaned;
        var cleanedBits = BinaryBits.FromMat(cleaned);
        var projection = BinaryBits.ColumnProjection(cleanedBits, cleaned.Cols, band.Top, band.Bottom);
        var fitted = LayoutFit.FromProjection(projection, band.Top, band.Height, layout, o.LayoutFit);
        if (fitted is null) return null;
        // A frame side that stops inside the band: the row ends before it, so no box takes it in.
        int rowEnd = cleaned.Cols;
        int sideFrom = fitted[^1].Right - (int)Math.Round(o.Frame.SideInsideLastBox * fitted[^1].Width);
        if (FrameRemoval.RightSideStart(cleanedBits, cleaned.Cols, projection, band, sideFrom, o.Frame) is int side)
        {
            rowEnd = side;
            using var beyond = new Mat(cleaned, new Rect(side, 0, cleaned.Cols - side, cleaned.Rows));
            beyond.SetTo(Scalar.All(0));
        }
        var boxes = BoxRefiner.Refine(cleaned, fitted, layout, o.Boxes).Select(b => EndingBy(b, rowEnd)).ToArray();
        var chineseBoxes = chinese.Concat(eitherWay).Distinct().Order()
            .ToDictionary(i => i, i => EndingBy(BoxRefiner.ChineseBox(boxes, fitted, layout, i, o.Boxes), rowEnd));
        foreach (int i in chinese) boxes[i] = chineseBoxes[i];

        using var ownChannel = thresholded.Settled == color ? null : binariser.CharacterChannel(upright, color);
        var channel = ownChannel ?? thresholded.Channel;
        double widthScale = AspectCorrection(fitted, band, layout);
        var characters = boxes.Select((b, i) => _cutter.Cut(channel, band, b, chinese: chinese.Contains(i), widthScale)).ToArray();
        var chineseCuts = new Dictionary<int, IReadOnlyList<byte[]>>();
        // Where the colour has no channel of its own for the Chinese characters, it is the letters' channel.
        using (var ownChineseChannel = binariser.HasOwnChineseChannel(color) ? binariser.ChineseCharacterChannel(upright, color) : null)
        {
            var chineseChannel = ownChineseChannel ?? channel;
            foreach (var (i, box) in chineseBoxes)
            {
                // Red special characters (使, 领) vanish where white ones show; each box is cut from whichever of the two
                // channels splits it more cleanly, so a white province character keeps the letters' channel (the same
                // channel never splits more than GreyChannelMargin times better than itself).
                var picked = ownChineseChannel is not null && Separates(chineseChannel, box, band) > o.Binarise.GreyChannelMargin * Separates(channel, box, band) ? chineseChannel : channel;
                // The most detailed character can be soft on a plate that is not: its box is judged alone (SharpeningOptions.JudgeChineseBoxAlone).
                using var softChinese = sharpened is null && o.Sharpening.JudgeChineseBoxAlone
                    ? PlateSharpening.SharpenedIfSoft(picked, box.Intersect(new Rect(0, band.Top, picked.Cols, band.Height)), o.Sharpening) : null;
                var source = softChinese ?? picked;
                if (chinese.Contains(i) && source != channel) characters[i] = _cutter.Cut(source, band, box, chinese: true, widthScale);
                var main = chinese.Contains(i) ? characters[i] : _cutter.Cut(source, band, box, chinese: true, widthScale);
                chineseCuts[i] = [main, .. ChineseCharacterViews(box, o.Characters)
                    .Select(v => _cutter.Cut(source, band, v.Box, chinese: true, widthScale, v.MaxInkShare))];
            }
        }
        double scaleX = region.Width / (double)width, scaleY = region.Height / (double)height;
        var original = boxes.Select(b => ToInput(b, tilt, slant, centreY, scaleX, scaleY, region)).ToArray();
        int last = boxes.Length - 1;
        var lastAlternatives = chinese.Contains(last) ? [] : LastCharacterBoxes(boxes[last], o.Characters)
            .Select(b => _cutter.Cut(channel, band, EndingBy(b, rowEnd), chinese: false, widthScale)).ToArray();
        byte[]? lastReach = null;
        if (!chinese.Contains(last) && LastCharacterReach(boxes[last], fitted[last]) is { } reach)
        {
            // Where the ink it keeps ends inside the refined box, it found nothing the tight cut had not.
            var image = _cutter.Cut(channel, band, EndingBy(reach, rowEnd), chinese: false, widthScale, null, out var ink);
            if (ink.Right > boxes[last].Right) lastReach = image;
        }
        return new SegmentedPlate(original, characters)
        {
            Layout = layout,
            FitShare = InkShare(projection, boxes),
            LastCharacterAlternatives = lastAlternatives,
            LastCharacterReach = lastReach,
            ChineseCuts = chineseCuts,
        };
    }

    /// <summary>The box with its right edge no further than <paramref name="rowEnd"/>, when that leaves it any width.</summary>
    private static Rect EndingBy(Rect box, int rowEnd) =>
        box.Right <= rowEnd || rowEnd <= box.Left ? box : new Rect(box.Left, box.Top, rowEnd - box.Left, box.Height);

    /// <summary>How cleanly a box of a channel, within the band, splits into two levels (<see cref="PlateBinariser.Separability"/>).</summary>
    private static double Separates(Mat channel, Rect box, CharacterBand band)
    {
        var clipped = box.Intersect(new Rect(0, band.Top, channel.Cols, band.Height));
        if (clipped.Width < 2 || clipped.Height < 2) return 0;
        using var region = new Mat(channel, clipped);
        return PlateBinariser.SeparabilityOf(region);
    }

    /// <summary>
    /// Share of the ink between the row's ends (the first box's left edge and the last one's right edge) that lies in
    /// the columns of the boxes: what falls in the gaps is a character the layout has no place for (the eighth of a
    /// new-energy plate cut as seven), while ink beyond the ends (frame, bolts, badges beside a loose cut) says nothing
    /// about the layout.
    /// </summary>
    private static double InkShare(double[] projection, IReadOnlyList<Rect> boxes)
    {
        int from = Math.Max(0, boxes.Min(b => b.Left)), to = Math.Min(projection.Length, boxes.Max(b => b.Right));
        var inside = new bool[projection.Length];
        foreach (var box in boxes)
            for (int x = Math.Max(0, box.Left); x < Math.Min(projection.Length, box.Right); x++) inside[x] = true;
        double total = 0, explained = 0;
        for (int x = from; x < to; x++)
        {
            total += projection[x];
            if (inside[x]) explained += projection[x];
        }
        return total <= 0 ? 0 : explained / total;
    }

    /// <summary>
    /// Baseline tilt of a plate image as given (<see cref="RowStraightener.EstimateTilt"/> on it binarised at the working
    /// size), in vertical pixels per horizontal pixel of <paramref name="plateBgr"/> itself rather than of the working
    /// image, whose aspect differs: the figure a caller needs to turn that image level.
    /// </summary>
    public double EstimateTilt(Mat plateBgr, PlateColor color)
    {
        ArgumentNullException.ThrowIfNull(plateBgr);
        int width = _options.WorkingWidth, height = _options.WorkingHeight;
        using var resized = new Mat();
        Cv2.Resize(plateBgr, resized, new Size(width, height), 0, 0, InterpolationFlags.Cubic);
        using var binary = _binariser.Binarise(resized, color);
        double working = RowStraightener.EstimateTilt(binary, _options.Straighten);
        return working * (plateBgr.Rows / (double)height) / (plateBgr.Cols / (double)width);
    }

    /// <summary>The layout's boxes on a cleaned band (<see cref="LayoutFit.FromProjection"/>), or null when it holds too little ink.</summary>
    public Rect[]? FitLayout(Mat cleaned, CharacterBand band)
    {
        var projection = BinaryBits.ColumnProjection(BinaryBits.FromMat(cleaned), cleaned.Cols, band.Top, band.Bottom);
        return LayoutFit.FromProjection(projection, band.Top, band.Height, _options.Layout, _options.LayoutFit);
    }

    /// <summary>
    /// The horizontal scale that gives the characters the aspect of the training crops. The fitted layout measures the
    /// plate's own: character pitch against character height. Crops resized to a fixed size (94×24, 136×36) are stretched
    /// sideways by varying amounts, and a character twice too wide reads as a different one.
    /// </summary>
    public double AspectCorrection(IReadOnlyList<Rect> fitted, CharacterBand band) => AspectCorrection(fitted, band, _options.Layout);

    /// <inheritdoc cref="AspectCorrection(IReadOnlyList{Rect}, CharacterBand)"/>
    /// <param name="layout">The layout the boxes were fitted from.</param>
    public double AspectCorrection(IReadOnlyList<Rect> fitted, CharacterBand band, PlateLayout layout)
    {
        var o = _options.Characters;
        double measured = BoxRefiner.Pitch(fitted, layout) / band.Height;
        double standard = layout.Pitch / layout.CharacterHeight;
        return Math.Clamp(o.TrainingStretch * standard / measured, o.MinWidthScale, o.MaxWidthScale);
    }

    /// <summary>
    /// Other boxes for the last character, widened by a share of its width (<see cref="CharacterImageOptions.LastCharacterWidenings"/>).
    /// Its refined box is tight on the ink found next to the plate's right edge, where frame, bolts and shadow disturb the
    /// threshold, so strokes broken off the character fall outside it; in a wider box they count again, while the
    /// frame's slivers are still dropped by <see cref="CharacterImageCutter"/>. (Measured: exact plates 85.9 % to 88.3 %
    /// on the scenes, 88.0 % to 89.0 % on the crops. The same for the Chinese character's box, moved or widened either
    /// way, did not help.)
    /// </summary>
    public static IEnumerable<Rect> LastCharacterBoxes(Rect last, CharacterImageOptions options)
    {
        foreach (var (leftWidening, rightWidening) in options.LastCharacterWidenings)
        {
            int left = last.Left - (int)Math.Round(leftWidening * last.Width);
            int right = last.Right + (int)Math.Round(rightWidening * last.Width);
            yield return new Rect(left, last.Top, right - left, last.Height);
        }
    }

    /// <summary>
    /// The last character's refined box carried to the right edge of the layout's box for it, or null where it reaches
    /// that far already. The refined box is tight on the ink the plate-wide threshold found, and towards the plate's
    /// right end, where the light falls off or the frame's shadow lies, that threshold can lose a character's right part
    /// (half of an 8 or a 0, the stem of an N) while the box's own threshold (<see cref="CharacterImageCutter"/>) finds it
    /// again; the widenings (<see cref="LastCharacterBoxes"/>) reach a tenth of a width to the right, too little for
    /// half a character. (Measured with the reader's rule for it, <see cref="SegmentedPlate.LastCharacterReach"/>:
    /// crops-zj exact 761 to 763 of 797, held-out 386 to 387; the crops, scenes and kinds read the same.)
    /// </summary>
    public static Rect? LastCharacterReach(Rect refined, Rect fitted) =>
        fitted.Right > refined.Right ? new Rect(refined.Left, refined.Top, fitted.Right - refined.Left, refined.Height) : null;

    /// <summary>
    /// Other cuts of the Chinese character, to be read beside the first and averaged with it: the same box with a
    /// threshold that leaves less ink, and a box widened on both sides. The misread characters were mostly blurred ones
    /// whose close strokes had merged into one bold blob (川's three strokes into a bar, 皖 and 湘 into solid blocks),
    /// while the training crops show thin, separate strokes; a stricter level parts the strokes again where the usual
    /// one does not, and a wider box gets back strokes the tight box cut off (a 皖 or 粤 read from half of itself). Each
    /// alone is worse on some plates than the usual cut, so they vote rather than replace it. (Measured with both:
    /// first character 122 to 124 of 128 scenes, 193 to 196 of 200 crops; exact plates 116 to 117 and 184 to 187.)
    /// </summary>
    public static IEnumerable<(Rect Box, double MaxInkShare)> ChineseCharacterViews(Rect first, CharacterImageOptions options)
    {
        yield return (first, options.StrictChineseInkShare);
        int widening = (int)Math.Round(options.ChineseWidening * first.Width);
        yield return (new Rect(first.Left - widening, first.Top, first.Width + 2 * widening, first.Height), options.MaxChineseInkShare);
    }

    /// <summary>
    /// Maps a box from the deskewed working image back to the caller's image: its centre goes through the inverse
    /// shears, its size only through the scale. (The bounding box of the sheared corners would be wider than the
    /// character by the slant times its height, and overlap its neighbours.)
    /// </summary>
    private Rect ToInput(Rect box, double tilt, double slant, double centreY, double scaleX, double scaleY, Rect region)
    {
        // The inverse of Unslant, then of Untilt, on the box's centre.
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
