using OpenCvSharp;
using Plates.Consume.Colour;

namespace Plates.Consume.Segmentation;

/// <summary>Thresholds an upright plate so that its characters are white (255) on black (0).</summary>
public sealed class PlateBinariser
{
    private readonly BinariseOptions _options;
    private readonly PlateColours _colours;

    public PlateBinariser(BinariseOptions options, PlateColours colours)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _colours = colours ?? throw new ArgumentNullException(nameof(colours));
    }

    public BinariseOptions Options => _options;

    /// <summary>Binarises a plate; the caller owns the returned image.</summary>
    /// <param name="plateBgr">Upright plate, 8-bit BGR.</param>
    /// <param name="color">Background colour; Unknown and Green are settled by <see cref="ColourClassifier.ResolveColor"/>.</param>
    /// <exception cref="ArgumentException">The image is empty or not 8-bit BGR.</exception>
    public Mat Binarise(Mat plateBgr, PlateColor color)
    {
        var binary = Binarise(plateBgr, color, out var channel, out _);
        channel.Dispose();
        return binary;
    }

    /// <summary>
    /// <see cref="Binarise(Mat, PlateColor)"/>, handing back as well the channel it thresholded
    /// (<see cref="CharacterChannel"/> of the plate for <paramref name="settled"/>), so that a caller that needs that
    /// channel too does not compute it again. The caller owns both images.
    /// </summary>
    /// <param name="settled">The colour the channel was made for: <paramref name="color"/> as <see cref="ColourClassifier.ResolveColor"/> settles it on this image.</param>
    /// <inheritdoc cref="Binarise(Mat, PlateColor)"/>
    public Mat Binarise(Mat plateBgr, PlateColor color, out Mat channel, out PlateColor settled)
    {
        ArgumentNullException.ThrowIfNull(plateBgr);
        if (plateBgr.Empty() || plateBgr.Type() != MatType.CV_8UC3)
            throw new ArgumentException("Expected a non-empty 8-bit BGR image.", nameof(plateBgr));
        settled = ColourClassifier.ResolveColor(plateBgr, color, _colours);
        channel = CharacterChannel(plateBgr, settled);
        var binary = new Mat();
        try
        {
            Cv2.Threshold(channel, binary, OtsuLevel(channel), 255, ThresholdTypes.Binary);
            ClearBeyondPlate(plateBgr, settled, binary);
            return binary;
        }
        catch
        {
            binary.Dispose();
            channel.Dispose();
            throw;
        }
    }

    /// <summary>Whether <see cref="ChineseCharacterChannel"/> differs from <see cref="CharacterChannel"/> for this colour (red special characters).</summary>
    public bool HasOwnChineseChannel(PlateColor color) => _options.RedCharacterColours.Contains(color);

    /// <summary>
    /// Blanks the columns at either end that hold none of the plate's background colour: scenery beside a loose crop
    /// (a white wall next to a blue plate binarises as one big character otherwise). Only for coloured plates, whose
    /// background hue is distinctive; every character column still shows background between its strokes. Only when the
    /// hue covers enough of the plate (<see cref="BinariseOptions.MinBackgroundForScenery"/>) to say where it ends.
    /// </summary>
    private void ClearBeyondPlate(Mat plateBgr, PlateColor color, Mat binary)
    {
        if (_colours.BackgroundPixels(plateBgr, color) is not { } plate) return;
        int width = plateBgr.Cols, height = plateBgr.Rows;
        int top = (int)(height * _options.ColumnRowsInset), bottom = height - top;
        bool IsPlateColumn(int x)
        {
            int count = 0;
            for (int y = top; y < bottom; y++) count += plate[y * width + x] != 0 ? 1 : 0;
            return count >= _options.MinPlateColumnShare * (bottom - top);
        }

        int leftLimit = (int)(width * _options.MaxScenery), rightLimit = (int)(width * (1 - _options.MaxScenery));
        int background = 0;
        for (int i = top * width; i < bottom * width; i++) background += plate[i] != 0 ? 1 : 0;
        if (background < _options.MinBackgroundForScenery * (bottom - top) * width) return;
        int left = 0, right = width - 1;
        while (left < leftLimit && !IsPlateColumn(left)) left++;
        while (right > rightLimit && !IsPlateColumn(right)) right--;
        // A plate that shows no background colour at all (wrong colour given, or grey light) is left alone.
        if (left >= leftLimit || right <= rightLimit) return;
        if (left > 0)
        {
            using var beyond = binary.ColRange(0, left);
            beyond.SetTo(Scalar.All(0));
        }
        if (right < width - 1)
        {
            using var beyond = binary.ColRange(right + 1, width);
            beyond.SetTo(Scalar.All(0));
        }
    }

    /// <summary>
    /// One grey channel in which the characters are bright (the caller owns it). A colour-aware choice beats plain grey:
    /// white strokes on blue differ most in the red channel (the minimum), dark strokes on yellow or green in the maximum
    /// channel. Grey is taken instead of the minimum where it separates the plate's two levels clearly better
    /// (<see cref="Separability"/>, <see cref="BinariseOptions.GreyChannelMargin"/>).
    /// </summary>
    public Mat CharacterChannel(Mat plateBgr, PlateColor color)
    {
        var bgr = Cv2.Split(plateBgr);
        try
        {
            var channel = new Mat();
            switch (color)
            {
                case PlateColor.Yellow or PlateColor.Green:
                    Cv2.Max(bgr[0], bgr[1], channel);
                    Cv2.Max(channel, bgr[2], channel);
                    Cv2.BitwiseNot(channel, channel);
                    break;
                case PlateColor.White:
                    // Black or red strokes: both are low in the minimum channel, the white background is high in all.
                    Cv2.Min(bgr[0], bgr[1], channel);
                    Cv2.Min(channel, bgr[2], channel);
                    Cv2.BitwiseNot(channel, channel);
                    break;
                default:
                    Cv2.Min(bgr[0], bgr[1], channel);
                    Cv2.Min(channel, bgr[2], channel);
                    // White strokes that have taken on the light's or the plate's tint (dim or dusk light, colour noise
                    // of an under-exposed photo) lose their lead in red, and the minimum then splits noise; grey still
                    // sees them brighter than the blue. It replaces the minimum only where it splits clearly better.
                    using (var grey = new Mat())
                    {
                        Cv2.CvtColor(plateBgr, grey, ColorConversionCodes.BGR2GRAY);
                        if (Separability(grey) > _options.GreyChannelMargin * Separability(channel)) grey.CopyTo(channel);
                    }
                    break;
            }
            if (_options.GradientColours.Contains(color)) Flatten(channel);
            return channel;
        }
        finally
        {
            foreach (var m in bgr) m.Dispose();
        }
    }

    /// <summary>
    /// How cleanly a channel splits in two at Otsu's level, on the plate's centre: the variance between the two sides
    /// over the total variance (0 for a flat image, 1 for one with exactly two levels). It does not change with the
    /// channel's contrast or brightness, only with how much of its spread the two-level split explains.
    /// </summary>
    /// <summary>
    /// Removes, in place, the slowly changing background of a channel in which dark characters on a light background
    /// are bright (the channel's complement is the plate's brightness). A grey opening over
    /// <see cref="BinariseOptions.BackgroundKernelShare"/> of the height keeps the background and drops the strokes;
    /// each pixel then becomes how much darker than its background it is, as a share of that background's
    /// brightness: a stroke on the faded bottom of a new-energy plate is as dark, relative to the paint around it, as
    /// one on its near-white top, though far less dark in grey levels. Stretched back to the full range.
    /// </summary>
    private void Flatten(Mat channel)
    {
        int side = Math.Max(3, (int)Math.Round(channel.Rows * _options.BackgroundKernelShare)) | 1;
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(side, side));
        using var opened = new Mat();
        Cv2.MorphologyEx(channel, opened, MorphTypes.Open, kernel);
        using var difference = new Mat();
        Cv2.Subtract(channel, opened, difference, null, MatType.CV_32F);
        using var brightness = new Mat();
        opened.ConvertTo(brightness, MatType.CV_32F, -1, 256);
        using var relative = new Mat();
        Cv2.Divide(difference, brightness, relative);
        Cv2.Normalize(relative, channel, 0, 255, NormTypes.MinMax, (int)MatType.CV_8U);
    }

    /// <summary>
    /// The channel the Chinese characters are cut from: <see cref="CharacterChannel"/>, except on a black plate, whose
    /// special characters (使 of an embassy, 领 of a consulate) are red, as dark as the black in the minimum channel
    /// that parts white strokes from blue; the maximum channel shows red and white strokes alike, bright on black.
    /// The caller owns the result.
    /// </summary>
    public Mat ChineseCharacterChannel(Mat plateBgr, PlateColor color)
    {
        ArgumentNullException.ThrowIfNull(plateBgr);
        if (!HasOwnChineseChannel(color)) return CharacterChannel(plateBgr, color);
        var bgr = Cv2.Split(plateBgr);
        try
        {
            var channel = new Mat();
            Cv2.Max(bgr[0], bgr[1], channel);
            Cv2.Max(channel, bgr[2], channel);
            return channel;
        }
        finally
        {
            foreach (var m in bgr) m.Dispose();
        }
    }

    public double Separability(Mat channel)
    {
        using var roi = new Mat(channel, Centre(channel));
        return SeparabilityOf(roi);
    }

    /// <summary>How cleanly the whole of <paramref name="region"/> splits in two at Otsu's level (see <see cref="Separability"/>).</summary>
    public static double SeparabilityOf(Mat region)
    {
        ArgumentNullException.ThrowIfNull(region);
        using var continuous = region.Clone();
        continuous.GetArray(out byte[] pixels);
        var histogram = new long[256];
        foreach (byte p in pixels) histogram[p]++;
        double total = pixels.Length, sum = 0;
        for (int i = 0; i < 256; i++) sum += i * (double)histogram[i];
        double mean = sum / total, variance = 0;
        for (int i = 0; i < 256; i++) variance += histogram[i] * (i - mean) * (i - mean);
        variance /= total;
        if (variance <= 0) return 0;
        double weightBelow = 0, sumBelow = 0, best = 0;
        for (int t = 0; t < 255; t++)
        {
            weightBelow += histogram[t];
            sumBelow += t * (double)histogram[t];
            if (weightBelow == 0 || weightBelow == total) continue;
            double w0 = weightBelow / total, w1 = 1 - w0;
            double mu0 = sumBelow / weightBelow, mu1 = (sum - sumBelow) / (total - weightBelow);
            best = Math.Max(best, w0 * w1 * (mu0 - mu1) * (mu0 - mu1));
        }
        return best / variance;
    }

    /// <summary>
    /// Otsu's level computed on the plate's centre only: the margins hold frame, bolts and scenery whose brightness would
    /// pull the level away from the character/background split. 255 (nothing is ink) for a blank plate.
    /// </summary>
    private double OtsuLevel(Mat channel)
    {
        using var roi = new Mat(channel, Centre(channel));
        Cv2.MeanStdDev(roi, out _, out var spread);
        if (spread.Val0 < _options.MinContrast) return 255;
        using var scratch = new Mat();
        return Cv2.Threshold(roi, scratch, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
    }

    /// <summary>The plate's centre, without the margins where frame, bolts and scenery lie.</summary>
    private Rect Centre(Mat channel)
    {
        int marginX = channel.Cols / _options.CentreColumnParts, marginY = channel.Rows / _options.CentreRowParts;
        return new Rect(marginX, marginY, Math.Max(1, channel.Cols - 2 * marginX), Math.Max(1, channel.Rows - 2 * marginY));
    }
}
