using OpenCvSharp;

namespace Plates.Consume.Localisation;

/// <summary>HSV ranges of plate backgrounds and the classification of a plate patch by them.</summary>
public static class PlateColours
{
    /// <summary>Saturation and value floors of the looser hue test in <see cref="Classify"/>.</summary>
    private const double LooseSaturation = 30;
    private const double LooseValue = 35;

    /// <summary>The colours with a saturated background that a hue mask can find on its own.</summary>
    public static readonly PlateColor[] Saturated = [PlateColor.Blue, PlateColor.Yellow, PlateColor.Green];

    /// <summary>
    /// Lower and upper HSV bounds (OpenCV: H 0–180, S and V 0–255). Saturation and value floors are low because plates
    /// in shade or at dusk are dark and washed out (see the crops set); the verifier, not the mask, rejects
    /// blue cars and yellow signs.
    /// </summary>
    public static (Scalar Low, Scalar High) Range(PlateColor colour) => colour switch
    {
        PlateColor.Blue => (new Scalar(96, 70, 40), new Scalar(130, 255, 255)),
        PlateColor.Yellow => (new Scalar(11, 70, 70), new Scalar(34, 255, 255)),
        PlateColor.Green => (new Scalar(38, 50, 60), new Scalar(90, 255, 255)),
        PlateColor.White => (new Scalar(0, 0, 160), new Scalar(180, 45, 255)),
        PlateColor.Black => (new Scalar(0, 0, 0), new Scalar(180, 255, 60)),
        _ => throw new ArgumentOutOfRangeException(nameof(colour), colour, "No HSV range for this colour."),
    };

    /// <summary>Binary mask (255 = inside the range) of one colour in an HSV image. The caller disposes it.</summary>
    public static Mat Mask(Mat hsv, PlateColor colour)
    {
        var (low, high) = Range(colour);
        var mask = new Mat();
        Cv2.InRange(hsv, low, high, mask);
        return mask;
    }

    /// <summary>Fraction (0..1) of the pixels of an HSV patch that fall in a colour's range.</summary>
    public static double Fraction(Mat hsv, PlateColor colour)
    {
        if (hsv.Empty())
        {
            return 0;
        }

        using var mask = Mask(hsv, colour);
        return (double)Cv2.CountNonZero(mask) / (mask.Rows * mask.Cols);
    }

    /// <summary>
    /// Background colour of an upright BGR plate patch, and the fraction of the patch inside that colour's strict range
    /// (<see cref="Range"/>; scoring relies on it, so the looser tier names a colour without raising a score).
    /// Tiers, first match wins: a saturated colour covering a fifth of the patch (characters, frame and a loose box take
    /// much of the rest, and under street lights part of the background falls outside the range); then the same hues at
    /// low saturation covering a third, for washed-out, dusty or dark plates, which are still blue or yellow to the
    /// recogniser; then white or black if that dominates; else Unknown.
    /// </summary>
    public static (PlateColor Colour, double Fraction) Classify(Mat bgrPatch)
    {
        using var hsv = new Mat();
        Cv2.CvtColor(bgrPatch, hsv, ColorConversionCodes.BGR2HSV);
        var best = (Colour: PlateColor.Unknown, Fraction: 0.0);
        foreach (var colour in Saturated)
        {
            double f = Fraction(hsv, colour);
            if (f > best.Fraction)
            {
                best = (colour, f);
            }
        }

        if (best.Fraction >= 0.2)
        {
            return best;
        }

        var tinted = (Colour: PlateColor.Unknown, Fraction: 0.0);
        foreach (var colour in Saturated)
        {
            var (low, high) = Range(colour);
            using var mask = new Mat();
            Cv2.InRange(hsv, new Scalar(low.Val0, LooseSaturation, LooseValue), high, mask);
            double f = (double)Cv2.CountNonZero(mask) / (mask.Rows * mask.Cols);
            if (f > tinted.Fraction)
            {
                tinted = (colour, f);
            }
        }

        if (tinted.Fraction >= 0.33)
        {
            return (tinted.Colour, Fraction(hsv, tinted.Colour));
        }

        double white = Fraction(hsv, PlateColor.White);
        double black = Fraction(hsv, PlateColor.Black);
        if (Math.Max(white, black) >= 0.45)
        {
            return white >= black ? (PlateColor.White, white) : (PlateColor.Black, black);
        }

        return (PlateColor.Unknown, best.Fraction);
    }

    /// <summary>
    /// Whether characters are darker than the background: true for yellow, white and (new-energy) green plates, false
    /// for blue and black ones whose characters are white.
    /// </summary>
    public static bool HasDarkCharacters(PlateColor colour) =>
        colour is PlateColor.Yellow or PlateColor.White or PlateColor.Green;
}
