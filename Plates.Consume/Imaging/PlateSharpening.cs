using OpenCvSharp;

namespace Plates.Consume.Imaging;

/// <summary>Settings of <see cref="PlateSharpening"/>.</summary>
public sealed record SharpeningOptions
{
    /// <summary>
    /// Steepness (<see cref="PlateSharpening.Steepness(Mat, SharpeningOptions)"/>) under which a plate counts as soft and is sharpened. Measured on
    /// the plates the segmenter is given at its working size (every candidate of the 117 scenes named .jpg): as they are
    /// its quartiles are 0.15 / 0.22 / 0.30, on the same photos blurred by 1.5 pixels 0.09 / 0.12 / 0.16, recompressed at
    /// JPEG quality 35 0.15 / 0.21 / 0.27 and halved 0.11 / 0.16 / 0.23: blur lowers it, recompression hardly does, so it
    /// tells the two apart, where the softness test of an earlier try did not (README). Of the levels tried (0.12, 0.13, 0.15, 0.18, 0.25, and
    /// sharpening every plate) 0.15 is the highest at which no count fell on the scenes, all 200 crops or the crops-zj
    /// held-out half (0.18 lost a scene's first character); every plate sharpened lost 2 exact scene plates, 3 crops and
    /// 5 crops-zj plates (README, "Soft plates sharpened").
    /// </summary>
    public double SoftBelow { get; init; } = 0.15;

    /// <summary>
    /// Weight of the unsharp mask: the image plus this much of its difference from its blurred copy. 1 doubles the
    /// contrast of details finer than <see cref="Sigma"/>. 0.7 read 3 exact plates and 4 first characters fewer on the
    /// halved copies (one exact more on the blurred and the recompressed ones); 1.5 lost a crop's first character.
    /// </summary>
    public double Amount { get; init; } = 1;

    /// <summary>
    /// Gaussian width of the mask's blurred copy, in pixels of the segmenter's working image (272×72): about a stroke's
    /// width, so the mask steepens the strokes' edges and parts strokes merged by blur rather than raising pixel noise
    /// (2 read fewer of the blurred and halved copies and two fewer crops-zj plates, though one more scene; 4 the same as
    /// 3 within a plate or two).
    /// </summary>
    public double Sigma { get; init; } = 3;

    /// <summary>
    /// Share of the horizontal gradients below the one taken as the plate's edge steepness: high, so that it lands on
    /// the strokes' edges rather than on the flat background between them. Not tuned: the only value tried.
    /// </summary>
    public double EdgeQuantile { get; init; } = 0.98;

    /// <summary>
    /// Whether a Chinese character's box is also judged alone on a plate that is not soft as a whole, and the character
    /// cut from the sharpened channel where its box is soft (at the same <see cref="SoftBelow"/>): the Chinese character
    /// is the most detailed, so the first to lose its strokes to a little blur (README, "Soft plates sharpened"). Measured
    /// against judging the plate whole only: summed over the probes 2 more plates found, 4 more exact and 7 more first
    /// characters, no more false detections; crops within one error 195 to 196; the kinds photos' jpeg35 probe one plate
    /// fewer within one error, and crops-zj's held-out half blurred by 1 pixel one exact plate fewer.
    /// </summary>
    public bool JudgeChineseBoxAlone { get; init; } = true;
}

/// <summary>
/// Finds plates whose edges are soft (an out-of-focus or moving plate, one enlarged from few pixels) and sharpens them
/// with an unsharp mask before they are thresholded. On a soft plate one threshold over the blurred edges fills the
/// gaps between strokes, most of all in the Chinese character; sharpening a plate that is sharp already adds ringing
/// that reads worse, so only soft ones are touched.
/// </summary>
public static class PlateSharpening
{
    /// <summary>
    /// How steeply the plate's edges rise: the <see cref="SharpeningOptions.EdgeQuantile"/> of its horizontal gradients
    /// (half the difference of the pixels either side) over its middle rows, where the characters are, divided by its
    /// contrast (the 95th less the 5th percentile of its grey). About 0.5 for a step edge enlarged twice, 0.4/σ for an
    /// edge blurred by σ pixels; the same for a plate lit twice as brightly. 0 for a blank plate, which has no edges.
    /// </summary>
    /// <param name="plate">8-bit BGR, or one 8-bit channel (a grey image the characters are cut from).</param>
    /// <exception cref="ArgumentException">The plate is empty or neither 8-bit BGR nor one 8-bit channel.</exception>
    public static double Steepness(Mat plate, SharpeningOptions options)
    {
        // The region overload validates the plate; only null must be caught before its size is read.
        ArgumentNullException.ThrowIfNull(plate);
        return Steepness(plate, new Rect(0, 0, plate.Cols, plate.Rows), options);
    }

    /// <summary>The <see cref="Steepness(Mat, SharpeningOptions)"/> of <paramref name="region"/> of the plate alone (clipped to it); 0 for a region under 3 pixels wide.</summary>
    /// <inheritdoc cref="Steepness(Mat, SharpeningOptions)"/>
    public static double Steepness(Mat plate, Rect region, SharpeningOptions options)
    {
        ThrowIfInvalid(plate);
        ArgumentNullException.ThrowIfNull(options);
        var clipped = region.Intersect(new Rect(0, 0, plate.Cols, plate.Rows));
        if (clipped.Width < 3 || clipped.Height < 1) return 0;
        using var roi = new Mat(plate, clipped);
        using var grey = new Mat();
        if (plate.Channels() == 1) roi.CopyTo(grey);
        else Cv2.CvtColor(roi, grey, ColorConversionCodes.BGR2GRAY);
        // CopyTo and CvtColor write a new continuous Mat, so GetArray reads it whole.
        grey.GetArray(out byte[] pixels);
        int width = grey.Cols, height = grey.Rows;
        var levels = Histogram.OfBytes(pixels);
        int contrast = Histogram.Quantile(levels, 0.95) - Histogram.Quantile(levels, 0.05);
        if (contrast <= 0) return 0;

        var gradients = new long[128];
        for (int y = height / 4; y < height - height / 4; y++)
        {
            int row = y * width;
            for (int x = 1; x < width - 1; x++) gradients[Math.Abs(pixels[row + x + 1] - pixels[row + x - 1]) / 2]++;
        }
        return Histogram.Quantile(gradients, options.EdgeQuantile) / (double)contrast;
    }

    /// <summary>
    /// The plate sharpened (a new Mat, the caller disposes it) when its <see cref="Steepness(Mat, SharpeningOptions)"/>
    /// is under <see cref="SharpeningOptions.SoftBelow"/>; null when it is sharp enough to be read as it is.
    /// </summary>
    /// <inheritdoc cref="Steepness(Mat, SharpeningOptions)"/>
    public static Mat? SharpenedIfSoft(Mat plate, SharpeningOptions options)
    {
        ArgumentNullException.ThrowIfNull(plate);
        return SharpenedIfSoft(plate, new Rect(0, 0, plate.Cols, plate.Rows), options);
    }

    /// <summary>
    /// The whole plate sharpened (a new Mat, the caller disposes it) when <paramref name="region"/> of it is soft
    /// (<see cref="Steepness(Mat, Rect, SharpeningOptions)"/> under <see cref="SharpeningOptions.SoftBelow"/>); null
    /// otherwise. The region is only where softness is judged: a character is cut from around its box too.
    /// </summary>
    /// <inheritdoc cref="Steepness(Mat, SharpeningOptions)"/>
    public static Mat? SharpenedIfSoft(Mat plate, Rect region, SharpeningOptions options)
    {
        // A blank region (steepness 0) has no edges to steepen.
        double steepness = Steepness(plate, region, options);
        if (steepness <= 0 || steepness >= options.SoftBelow) return null;
        using var blurred = new Mat();
        Cv2.GaussianBlur(plate, blurred, new Size(0, 0), options.Sigma);
        var sharpened = new Mat();
        try
        {
            // Saturating: a bright stroke's edge overshoots to white, not back round to black.
            Cv2.AddWeighted(plate, 1 + options.Amount, blurred, -options.Amount, 0, sharpened);
            return sharpened;
        }
        catch
        {
            sharpened.Dispose();
            throw;
        }
    }

    private static void ThrowIfInvalid(Mat plate)
    {
        ArgumentNullException.ThrowIfNull(plate);
        if (plate.Empty() || (plate.Type() != MatType.CV_8UC3 && plate.Type() != MatType.CV_8UC1))
            throw new ArgumentException("Expected a non-empty 8-bit BGR or single-channel image.", nameof(plate));
    }
}
