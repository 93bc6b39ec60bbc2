using OpenCvSharp;

namespace Plates.Consume.Imaging;

/// <summary>Settings of <see cref="PlateExposure"/>.</summary>
public sealed record ExposureOptions
{
    /// <summary>
    /// Level the patch's highlights (<see cref="HighlightQuantile"/> of its brightest channel) are raised to. The plates
    /// located in the scenes have a median highlight of about 210 and a tenth of them under 120; a patch already this
    /// bright is left alone, so most well-lit plates are read exactly as before. (Measured in the segmenter: 100, 120
    /// and 140 gave the same plates found and within one or two of the same exact counts on the scenes, the crops and
    /// the darkened probes; 160 lost a plate on the JPEG-quality probe and 200 lost one on the crops.)
    /// </summary>
    public double TargetHighlight { get; init; } = 120;

    /// <summary>
    /// Share of the patch darker than its highlight level: the bright end of the plate (the white characters of a blue
    /// plate, the background of a yellow one), but past a few specular pixels or a lamp caught at a loose box's edge.
    /// </summary>
    public double HighlightQuantile { get; init; } = 0.95;

    /// <summary>
    /// Largest gain: four times lifts a plate whose highlights lie at 30 (a dusk photo a stop under) to the target,
    /// while a patch of near-black paint or shadow, whose highlight is noise, is not turned into a bright one. (3 and 6
    /// gave the same counts within one plate on the scenes, the crops and the darkened probes.)
    /// </summary>
    public double MaxGain { get; init; } = 4;
}

/// <summary>
/// Brings an under-exposed plate patch up to the brightness the colour ranges and contrast floors were set on. The
/// stages after the locator compare pixels with fixed levels (hue masks with value floors of 40–70, a blank-plate test
/// on the spread of grey), so the same plate photographed a stop darker falls under them: it is classed Black, its
/// background hue is not found, its spread looks blank. A gain makes the patch look as it would with more light,
/// whatever the photo around it does.
/// </summary>
public static class PlateExposure
{
    /// <summary>The gain <see cref="Normalise"/> applies: 1 for a patch whose highlights reach the target, more for darker ones.</summary>
    /// <exception cref="ArgumentException">The patch is empty or not 8-bit BGR.</exception>
    public static double Gain(Mat bgrPatch, ExposureOptions options)
    {
        ArgumentNullException.ThrowIfNull(bgrPatch);
        ArgumentNullException.ThrowIfNull(options);
        if (bgrPatch.Empty() || bgrPatch.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException("Expected a non-empty 8-bit BGR image.", nameof(bgrPatch));
        }

        double highlight = Highlight(bgrPatch, options.HighlightQuantile);
        return highlight >= options.TargetHighlight ? 1 : Math.Min(options.MaxGain, options.TargetHighlight / Math.Max(highlight, 1));
    }

    /// <summary>
    /// The patch scaled by <see cref="Gain"/> (a new Mat, the caller disposes it; a plain copy when the gain is 1). A gain,
    /// not an equalisation or a stretch: hue and the ratios between channels stay as they were, so the colour classes
    /// still apply, and the characters' contrast with their background grows with the background instead of noise being
    /// blown up to fill the range.
    /// </summary>
    /// <exception cref="ArgumentException">The patch is empty or not 8-bit BGR.</exception>
    public static Mat Normalise(Mat bgrPatch, ExposureOptions options)
    {
        double gain = Gain(bgrPatch, options);
        var result = new Mat();
        if (gain <= 1)
        {
            bgrPatch.CopyTo(result);
            return result;
        }

        bgrPatch.ConvertTo(result, MatType.CV_8UC3, gain);
        return result;
    }

    /// <summary>The <paramref name="quantile"/> level of the per-pixel maximum over the three channels (HSV's value).</summary>
    private static double Highlight(Mat bgrPatch, double quantile)
    {
        using var value = new Mat();
        using (var hsv = new Mat())
        {
            Cv2.CvtColor(bgrPatch, hsv, ColorConversionCodes.BGR2HSV);
            Cv2.ExtractChannel(hsv, value, 2);
        }

        // ExtractChannel writes a new continuous Mat, so GetArray can read it whole.
        value.GetArray(out byte[] pixels);
        return Histogram.Quantile(Histogram.OfBytes(pixels), quantile);
    }
}
