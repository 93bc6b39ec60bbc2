using Plates.Consume.Characters;
using Plates.Consume.Colour;
using Plates.Consume.Imaging;
using Plates.Consume.Layout;

namespace Plates.Consume.Segmentation;

/// <summary>Tuning of <see cref="CharacterSegmenter"/>. The defaults suit plate images of about 20 to 100 pixels height.</summary>
public sealed record SegmenterOptions
{
    /// <summary>
    /// Every plate is resampled to this size before cutting, so that thresholds mean the same thing for a 94×24 crop and
    /// a 136×36 locator output. Twice EasyPR's 136×36: thresholding the characters of an upsampled plate keeps their
    /// strokes apart better (measured: 80 % of the crops read exactly against 77 % at 136×36), at about 20 ms a plate.
    /// </summary>
    public int WorkingWidth { get; init; } = 272;

    /// <inheritdoc cref="WorkingWidth"/>
    public int WorkingHeight { get; init; } = 72;

    /// <summary>Side of the square character images handed to the classifiers.</summary>
    public int CharacterSize { get; init; } = 20;

    /// <summary>
    /// The hue bands that find the plate inside a loose box and blank the scenery beside it, and the estimate of an
    /// unknown plate's colour.
    /// </summary>
    public PlateColours Colours { get; init; } = PlateColours.Standard;

    /// <summary>
    /// A dim plate is brought up to the brightness the hue masks and the blank-plate test were set on (measured on the
    /// scenes darkened to 65 %: plates found 116 to 119).
    /// </summary>
    public ExposureOptions Exposure { get; init; } = new();

    /// <summary>
    /// A plate whose edges measure soft is sharpened before it is thresholded (measured with the shipped models, README
    /// "Soft plates sharpened": crops-zj held-out exact 387 to 388, first character 398 to 400; on the probes 15 more
    /// exact plates, 6 of them on the blurred and halved copies, and 4 more false detections; every scene count the same).
    /// </summary>
    public SharpeningOptions Sharpening { get; init; } = new();

    /// <summary>How the plate is thresholded.</summary>
    public BinariseOptions Binarise { get; init; } = new();

    /// <summary>
    /// Colours of plate cut a second time with the background flattened (<see cref="CharacterSegmenter.SegmentShaded"/>,
    /// as <see cref="BinariseOptions.GradientColours"/> are always) when no layout could be cut plainly: dark characters
    /// on a plate half in shadow, whose shaded part Otsu takes whole for ink. (Measured: the learner plate of the kinds
    /// photos, half shaded, is then found, and the scenes, crops and crops-zj read as before; flattening every yellow
    /// plate instead lost a two-row plate there.)
    /// </summary>
    public IReadOnlySet<PlateColor> ShadedRetryColours { get; init; } = new HashSet<PlateColor> { PlateColor.Yellow, PlateColor.White };

    /// <summary>How the baseline tilt and the character slant are measured.</summary>
    public StraightenOptions Straighten { get; init; } = new();

    /// <summary>How the rows of the characters are found.</summary>
    public BandOptions Band { get; init; } = new();

    /// <summary>What around the character band is frame.</summary>
    public BandFrameOptions Frame { get; init; } = new();

    /// <summary>The plate's geometry, laid onto the band.</summary>
    public PlateLayout Layout { get; init; } = PlateLayout.StandardSingleRow;

    /// <summary>How the layout is laid onto the band's column projection.</summary>
    public ProjectionFitOptions LayoutFit { get; init; } = new();

    /// <summary>How the fitted boxes are moved onto the characters actually there.</summary>
    public BoxRefineOptions Boxes { get; init; } = new();

    /// <summary>How each character is cut into its image.</summary>
    public CharacterImageOptions Characters { get; init; } = new();
}
