using OpenCvSharp;
using Plates.Consume.Imaging;

namespace Plates.Consume.Colour;

/// <summary>Names the background colour of a plate patch by the ranges of a <see cref="PlateColours"/> table.</summary>
public static class ColourClassifier
{
    /// <summary>
    /// Background colour of an upright BGR plate patch, and the fraction of the patch inside that colour's strict range
    /// (scoring relies on it, so the looser tier names a colour without raising a score). Tiers, first match wins: a
    /// saturated colour covering <see cref="PlateColours.SaturatedShare"/>; then the same hues with the loose floors
    /// covering <see cref="PlateColours.TintedShare"/>; then white or black if that covers
    /// <see cref="PlateColours.GreyShare"/>; else Unknown.
    /// </summary>
    public static (PlateColor Colour, double Fraction) Classify(Mat bgrPatch, PlateColours colours)
    {
        ArgumentNullException.ThrowIfNull(colours);
        using var hsv = new Mat();
        Cv2.CvtColor(bgrPatch, hsv, ColorConversionCodes.BGR2HSV);
        var best = (Colour: PlateColor.Unknown, Fraction: 0.0);
        foreach (var colour in PlateColours.Saturated)
        {
            double f = colours.Fraction(hsv, colour);
            if (f > best.Fraction)
            {
                best = (colour, f);
            }
        }

        if (best.Fraction >= colours.SaturatedShare)
        {
            return best;
        }

        var tinted = (Colour: PlateColor.Unknown, Fraction: 0.0);
        foreach (var colour in PlateColours.Saturated)
        {
            double f = PlateColours.Fraction(hsv, colours.Loose(colour));
            if (f > tinted.Fraction)
            {
                tinted = (colour, f);
            }
        }

        if (tinted.Fraction >= colours.TintedShare)
        {
            return (tinted.Colour, colours.Fraction(hsv, tinted.Colour));
        }

        double white = colours.Fraction(hsv, PlateColor.White);
        double black = colours.Fraction(hsv, PlateColor.Black);
        if (Math.Max(white, black) >= colours.GreyShare)
        {
            return white >= black ? (PlateColor.White, white) : (PlateColor.Black, black);
        }

        return (PlateColor.Unknown, best.Fraction);
    }

    /// <summary>
    /// The patch's background colour and its share of the patch (<see cref="Classify"/>), looking past under-exposure.
    /// The hue ranges have value floors, so a dim plate's colour is misjudged two ways: a yellow plate in a dim photo is
    /// classed Black, which tells the segmenter its characters are bright, the wrong way round; and a blue one recognised
    /// by the looser hue test covers almost nothing of the strict range the score counts. So a patch classed Black is
    /// classed again brightened (<see cref="PlateExposure"/>), and the colour found then is kept if it is a plate
    /// colour; and a plate colour's share is measured on the brightened patch too, keeping the larger. A patch that
    /// shows no plate colour even brightened stays Black: that is also what a dim blue plate whose hue the dark has
    /// washed out is best read as. (Measured: classing every patch brightened lost a plate of the scenes, a dim blue one
    /// then classed Unknown. This way the scenes and crops are unchanged; on the scenes darkened by a gain of 0.5 and
    /// 0.35, plates found rose from 122 to 125 and from 120 to 123, and by ImageMagick's -modulate 65 and 50 from 123 to
    /// 124 and from 112 to 114.)
    /// </summary>
    public static (PlateColor Colour, double Fraction) ClassifyExposed(Mat bgrPatch, PlateColours colours, ExposureOptions exposure)
    {
        var classified = Classify(bgrPatch, colours);
        bool plateColour = PlateColours.Saturated.Contains(classified.Colour);
        if (!plateColour && classified.Colour != PlateColor.Black)
        {
            return classified;
        }

        using var exposed = PlateExposure.Normalise(bgrPatch, exposure);
        if (plateColour)
        {
            using var hsv = new Mat();
            Cv2.CvtColor(exposed, hsv, ColorConversionCodes.BGR2HSV);
            return (classified.Colour, Math.Max(classified.Fraction, colours.Fraction(hsv, classified.Colour)));
        }

        var lit = Classify(exposed, colours);
        return PlateColours.Saturated.Contains(lit.Colour) ? lit : classified;
    }

    /// <summary>
    /// Guesses the plate colour from its dominant hue, for callers that do not know it. Plates are mostly background, so
    /// the median hue of the saturated pixels is the background's (<see cref="PlateColours.ColourOfHue"/>); unsaturated
    /// plates are white or black by brightness.
    /// </summary>
    /// <exception cref="ArgumentException">The image is empty or not 8-bit BGR.</exception>
    public static PlateColor EstimateColor(Mat plateBgr, PlateColours colours)
    {
        ArgumentNullException.ThrowIfNull(plateBgr);
        ArgumentNullException.ThrowIfNull(colours);
        if (plateBgr.Empty() || plateBgr.Type() != MatType.CV_8UC3)
            throw new ArgumentException("Expected a non-empty 8-bit BGR image.", nameof(plateBgr));

        using var hsv = new Mat();
        Cv2.CvtColor(plateBgr, hsv, ColorConversionCodes.BGR2HSV);
        hsv.GetArray(out Vec3b[] pixels);

        var hueCounts = new int[180];
        int saturated = 0;
        long brightness = 0;
        foreach (var p in pixels)
        {
            brightness += p.Item2;
            if (p.Item1 < colours.EstimateSaturation || p.Item2 < colours.EstimateValue) continue;
            hueCounts[p.Item0]++;
            saturated++;
        }

        if (saturated < (int)(pixels.Length * colours.EstimateSaturatedShare))
            return brightness / pixels.Length > colours.EstimateMidValue ? PlateColor.White : PlateColor.Black;

        int half = saturated / 2, cumulative = 0, medianHue = 0;
        for (; medianHue < 180; medianHue++)
        {
            cumulative += hueCounts[medianHue];
            if (cumulative >= half) break;
        }

        return colours.ColourOfHue(medianHue);
    }

    /// <summary>
    /// Settles the binarisation polarity for a plate whose colour is unknown or ambiguous. A saturated blue or yellow
    /// background fixes it (white on blue, black on yellow). Otherwise (green plates carry dark or white characters;
    /// grey light hides the hue) the characters are taken to be the minority side of Otsu's split of the plate's
    /// centre, since strokes cover well under half a plate. Returns the colour whose binarisation will be used: Blue or
    /// Black for bright characters, Yellow, Green or White for dark ones.
    /// </summary>
    public static PlateColor ResolveColor(Mat plateBgr, PlateColor color, PlateColours colours)
    {
        ArgumentNullException.ThrowIfNull(plateBgr);
        if (color is not (PlateColor.Unknown or PlateColor.Green)) return color;
        var hue = color == PlateColor.Green ? PlateColor.Green : EstimateColor(plateBgr, colours);
        double brightShare = BrightShare(plateBgr, colours);
        if (hue is PlateColor.Blue or PlateColor.Yellow && Math.Abs(brightShare - 0.5) < colours.PolarityTie) return hue;

        bool brightCharacters = brightShare < 0.5;
        if (brightCharacters) return hue == PlateColor.Black ? PlateColor.Black : PlateColor.Blue;
        return hue is PlateColor.Green or PlateColor.White or PlateColor.Yellow ? hue : PlateColor.White;
    }

    /// <summary>Share of the plate's centre (<see cref="PlateColours.PolarityMarginX"/>) above Otsu's level in grey.</summary>
    private static double BrightShare(Mat plateBgr, PlateColours colours)
    {
        using var grey = new Mat();
        Cv2.CvtColor(plateBgr, grey, ColorConversionCodes.BGR2GRAY);
        int marginX = (int)(grey.Cols * colours.PolarityMarginX), marginY = (int)(grey.Rows * colours.PolarityMarginY);
        using var centre = new Mat(grey, new Rect(marginX, marginY, grey.Cols - 2 * marginX, grey.Rows - 2 * marginY));
        using var binary = new Mat();
        Cv2.Threshold(centre, binary, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        return Cv2.CountNonZero(binary) / (double)(binary.Rows * binary.Cols);
    }
}
