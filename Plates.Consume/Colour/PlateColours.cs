using OpenCvSharp;

namespace Plates.Consume.Colour;

/// <summary>An HSV box (OpenCV: H 0–180, S and V 0–255), both ends included.</summary>
public readonly record struct HsvRange(Scalar Low, Scalar High);

/// <summary>A band of hue (OpenCV: 0–180) from <see cref="Low"/> to <see cref="High"/>.</summary>
public readonly record struct HueBand(int Low, int High);

/// <summary>
/// The one table of plate colours: what each plate background looks like in HSV, and the levels the colour
/// classifiers (<see cref="ColourClassifier"/>) decide by. Two kinds of range live here side by side, for two
/// different questions. The strict ranges (<see cref="Range"/>) answer "is this pixel plate background?" for the
/// locator, whose proposals and score count such pixels anywhere in a photo, so their hue bands are narrow (blue
/// 96–130) and their floors keep grey and near-black out. The hue bands (<see cref="Hue"/>) answer "which colour is
/// this plate?" once a plate is in hand (the segmenter's estimate of an unknown colour, and the pixels it keeps as
/// background), so they tile the hue circle without gaps (blue 90–135): a pixel of a known plate that falls between
/// strict ranges is still its background. (Measured: the segmenter with the strict hues in place of the hue bands read
/// 183 instead of 187 of the 200 crops exactly and 194 instead of 196 first characters, 729 of the 797 crops-zj either
/// way with 750 instead of 752 first characters, the scenes unchanged; so the two stay two.)
/// </summary>
public sealed record PlateColours
{
    /// <summary>The table the README's figures were measured with.</summary>
    public static PlateColours Standard { get; } = new();

    /// <summary>The colours with a saturated background that a hue mask can find on its own.</summary>
    public static IReadOnlyList<PlateColor> Saturated { get; } = [PlateColor.Blue, PlateColor.Yellow, PlateColor.Green];

    /// <summary>
    /// Strict blue. Saturation and value floors are low because plates in shade or at dusk are dark and washed out (see
    /// the crops set); the verifier, not the mask, rejects blue cars and yellow signs.
    /// </summary>
    public HsvRange Blue { get; init; } = new(new Scalar(96, 70, 40), new Scalar(130, 255, 255));

    /// <inheritdoc cref="Blue"/>
    public HsvRange Yellow { get; init; } = new(new Scalar(11, 70, 70), new Scalar(34, 255, 255));

    /// <inheritdoc cref="Blue"/>
    public HsvRange Green { get; init; } = new(new Scalar(38, 50, 60), new Scalar(90, 255, 255));

    /// <summary>Strict white: bright and nearly unsaturated.</summary>
    public HsvRange White { get; init; } = new(new Scalar(0, 0, 160), new Scalar(180, 45, 255));

    /// <summary>Strict black: dark, any hue.</summary>
    public HsvRange Black { get; init; } = new(new Scalar(0, 0, 0), new Scalar(180, 255, 60));

    /// <summary>
    /// Saturation and value floors of the looser hue test of <see cref="ColourClassifier.Classify"/>: washed-out, dusty
    /// or dark plates, which are still blue or yellow to the recogniser.
    /// </summary>
    public double LooseSaturation { get; init; } = 30;

    /// <inheritdoc cref="LooseSaturation"/>
    public double LooseValue { get; init; } = 35;

    /// <summary>
    /// Saturation and value floors of the vivid-only blue search: the strict range also takes in dark navy bodies and
    /// tinted glass, and a plate on such a car merges with it into one car-sized blob, while plate paint is brighter
    /// and more saturated.
    /// </summary>
    public double VividBlueSaturation { get; init; } = 120;

    /// <inheritdoc cref="VividBlueSaturation"/>
    public double VividBlueValue { get; init; } = 110;

    /// <summary>
    /// Saturation and value floors of the pale-only blue search, whose saturation ceiling is the strict floor: dusty or
    /// hazy plates fall below the strict saturation floor, while silver bumpers and grey paint mostly stay below this band.
    /// </summary>
    public double PaleBlueSaturation { get; init; } = 25;

    /// <inheritdoc cref="PaleBlueSaturation"/>
    public double PaleBlueValue { get; init; } = 60;

    /// <summary>Hue band of a blue plate once a plate is in hand (see the type's summary for why wider than <see cref="Blue"/>).</summary>
    public HueBand BlueHue { get; init; } = new(90, 135);

    /// <inheritdoc cref="BlueHue"/>
    public HueBand YellowHue { get; init; } = new(11, 35);

    /// <inheritdoc cref="BlueHue"/>
    public HueBand GreenHue { get; init; } = new(35, 90);

    /// <summary>
    /// Floors of the background mask (<see cref="BackgroundRange"/>): a plate pixel in its hue band that is neither
    /// grey (S &lt; 60) nor near black (V &lt; 40).
    /// </summary>
    public double BackgroundSaturation { get; init; } = 60;

    /// <inheritdoc cref="BackgroundSaturation"/>
    public double BackgroundValue { get; init; } = 40;

    /// <summary>
    /// Floors of the pixels whose median hue names an unknown plate's colour (<see cref="ColourClassifier.EstimateColor"/>):
    /// saturated enough to have a hue worth counting.
    /// </summary>
    public double EstimateSaturation { get; init; } = 60;

    /// <inheritdoc cref="EstimateSaturation"/>
    public double EstimateValue { get; init; } = 50;

    /// <summary>
    /// Share of an unknown plate that must be saturated for its hue to name the colour; a plate with less is white or
    /// black by its brightness (above or below <see cref="EstimateMidValue"/>).
    /// </summary>
    public double EstimateSaturatedShare { get; init; } = 0.25;

    /// <inheritdoc cref="EstimateSaturatedShare"/>
    public int EstimateMidValue { get; init; } = 127;

    /// <summary>
    /// Shares of the patch the tiers of <see cref="ColourClassifier.Classify"/> need: a saturated colour covering a fifth
    /// (characters, frame and a loose box take much of the rest, and under street lights part of the background falls
    /// outside the range); the same hues at low saturation covering a third; white or black covering 45 %.
    /// </summary>
    public double SaturatedShare { get; init; } = 0.2;

    /// <inheritdoc cref="SaturatedShare"/>
    public double TintedShare { get; init; } = 0.33;

    /// <inheritdoc cref="SaturatedShare"/>
    public double GreyShare { get; init; } = 0.45;

    /// <summary>
    /// How close to half the bright share of an unknown plate's centre may be for its hue, rather than the minority side
    /// of Otsu's split, to settle the polarity (<see cref="ColourClassifier.ResolveColor"/>).
    /// </summary>
    public double PolarityTie { get; init; } = 0.15;

    /// <summary>
    /// The centre of an unknown plate whose Otsu split settles the polarity leaves out a tenth of the width and a quarter
    /// of the height at each side: frame, bolts and a loose box's scenery lie there.
    /// </summary>
    public double PolarityMarginX { get; init; } = 0.1;

    /// <inheritdoc cref="PolarityMarginX"/>
    public double PolarityMarginY { get; init; } = 0.25;

    /// <summary>The strict range of a colour.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The colour is Unknown.</exception>
    public HsvRange Range(PlateColor colour) => colour switch
    {
        PlateColor.Blue => Blue,
        PlateColor.Yellow => Yellow,
        PlateColor.Green => Green,
        PlateColor.White => White,
        PlateColor.Black => Black,
        _ => throw new ArgumentOutOfRangeException(nameof(colour), colour, "No HSV range for this colour."),
    };

    /// <summary>The strict blue range with the vivid floors.</summary>
    public HsvRange VividBlue => new(new Scalar(Blue.Low.Val0, VividBlueSaturation, VividBlueValue), Blue.High);

    /// <summary>The strict blue hues with the pale floors, up to the strict saturation floor.</summary>
    public HsvRange PaleBlue => new(new Scalar(Blue.Low.Val0, PaleBlueSaturation, PaleBlueValue), new Scalar(Blue.High.Val0, Blue.Low.Val1, 255));

    /// <summary>The strict hues of a colour with the loose floors.</summary>
    public HsvRange Loose(PlateColor colour)
    {
        var (low, high) = Range(colour);
        return new HsvRange(new Scalar(low.Val0, LooseSaturation, LooseValue), high);
    }

    /// <summary>The hue band of a saturated colour, or null for white, black and unknown, which no hue tells apart.</summary>
    public HueBand? Hue(PlateColor colour) => colour switch
    {
        PlateColor.Blue => BlueHue,
        PlateColor.Yellow => YellowHue,
        PlateColor.Green => GreenHue,
        _ => null,
    };

    /// <summary>The background mask's range of a plate of this colour, or null where no hue tells its background apart.</summary>
    public HsvRange? BackgroundRange(PlateColor colour) => Hue(colour) is { } band
        ? new HsvRange(new Scalar(band.Low, BackgroundSaturation, BackgroundValue), new Scalar(band.High, 255, 255))
        : null;

    /// <summary>The colour whose hue band holds <paramref name="hue"/>, each band taken from its low end up to, not including, its high end.</summary>
    public PlateColor ColourOfHue(int hue) =>
        hue >= YellowHue.Low && hue < YellowHue.High ? PlateColor.Yellow
        : hue >= GreenHue.Low && hue < GreenHue.High ? PlateColor.Green
        : hue >= BlueHue.Low && hue < BlueHue.High ? PlateColor.Blue
        : PlateColor.Unknown;

    /// <summary>
    /// Where a plate of this colour shows its background (<see cref="BackgroundRange"/>): one byte per pixel, row by
    /// row, non-zero on background. Null for white, black and unknown plates, whose background no hue tells apart from
    /// scenery.
    /// </summary>
    public byte[]? BackgroundPixels(Mat plateBgr, PlateColor colour)
    {
        if (BackgroundRange(colour) is not { } range) return null;
        using var hsv = new Mat();
        Cv2.CvtColor(plateBgr, hsv, ColorConversionCodes.BGR2HSV);
        using var mask = Mask(hsv, range);
        mask.GetArray(out byte[] pixels);
        return pixels;
    }

    /// <summary>Binary mask (255 = inside the range) of an HSV image. The caller disposes it.</summary>
    public static Mat Mask(Mat hsv, HsvRange range)
    {
        var mask = new Mat();
        Cv2.InRange(hsv, range.Low, range.High, mask);
        return mask;
    }

    /// <summary>Binary mask of one colour's strict range in an HSV image. The caller disposes it.</summary>
    public Mat Mask(Mat hsv, PlateColor colour) => Mask(hsv, Range(colour));

    /// <summary>Fraction (0..1) of the pixels of an HSV image inside a range; 0 for an empty image.</summary>
    public static double Fraction(Mat hsv, HsvRange range)
    {
        if (hsv.Empty())
        {
            return 0;
        }

        using var mask = Mask(hsv, range);
        return (double)Cv2.CountNonZero(mask) / (mask.Rows * mask.Cols);
    }

    /// <summary>Fraction (0..1) of the pixels of an HSV image in a colour's strict range.</summary>
    public double Fraction(Mat hsv, PlateColor colour) => Fraction(hsv, Range(colour));

    /// <summary>
    /// Whether characters are darker than the background: true for yellow, white and (new-energy) green plates; false
    /// for blue and black ones, whose characters are white, and for unknown.
    /// </summary>
    public static bool HasDarkCharacters(PlateColor colour) => colour is PlateColor.Yellow or PlateColor.White or PlateColor.Green;

    /// <summary>Whether characters are brighter than the background: true for blue and black plates; false for the others and unknown.</summary>
    public static bool HasBrightCharacters(PlateColor colour) => colour is PlateColor.Blue or PlateColor.Black;
}
